import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A Group of Friends seat: a member state or an international organization. */
@Entity('gof_seats')
export class GofSeatEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  seat: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
