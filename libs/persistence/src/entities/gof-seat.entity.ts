import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Group of Friends seat: a member state or an international organization. Part of the registry
 * (DOMAIN §12): one writer, the registry repository (repositories/registry.ts); a retired seat is
 * asked nothing more, and is kept for the plans that recorded its answers.
 */
@Entity('gof_seats')
export class GofSeatEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  seat: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
