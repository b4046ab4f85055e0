import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlanEntity } from './plan.entity';

/**
 * An adoption record (DOMAIN §10): issued once per endorsed plan version, never changed. Its
 * canonical data (RFC 8785 JSON) is what the data signature covers; each language's PDF of it is
 * an `adoption_record_files` row. One writer, the worker's `issueAdoptionRecord` activity
 * (repositories/adoption-records.ts); PostgreSQL refuses every UPDATE and DELETE of both tables.
 */
@Entity('adoption_records')
@Index('uq_adoption_records_version', ['planId', 'versionNumber'], { unique: true })
@Index('idx_adoption_records_issued', ['issuedAt', 'id'])
export class AdoptionRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'plan_id' })
  plan?: PlanEntity;

  @Column({ name: 'version_number', type: 'int' })
  versionNumber: number;

  @Column({ name: 'version_hash', type: 'varchar', length: 64 })
  versionHash: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  /** The canonical data, exactly the bytes that were hashed and signed (UTF-8 text). */
  @Column({ type: 'text' })
  canonical: string;

  @Column({ name: 'data_sha256', type: 'varchar', length: 64 })
  dataSha256: string;

  @Column({ name: 'key_id', type: 'varchar', length: 100 })
  keyId: string;

  /** Ed25519 over the SHA-256 of the canonical data, base64url. */
  @Column({ name: 'data_signature', type: 'varchar', length: 200 })
  dataSignature: string;
}

/** A record's PDF in one language: the bytes as issued, their digest and their signature. */
@Entity('adoption_record_files')
export class AdoptionRecordFileEntity {
  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: 40 })
  recordId: string;

  @ManyToOne(() => AdoptionRecordEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'record_id' })
  record?: AdoptionRecordEntity;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  language: string;

  @Column({ type: 'bytea' })
  pdf: Buffer;

  /** SHA-256 of the whole file as issued. */
  @Column({ name: 'file_sha256', type: 'varchar', length: 64 })
  fileSha256: string;

  /** Ed25519 over the SHA-256 of the file with its signature's place zeroed, hex (docs/publication.md). */
  @Column({ name: 'file_signature', type: 'varchar', length: 200 })
  fileSignature: string;

  @Column({ name: 'key_id', type: 'varchar', length: 100 })
  keyId: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;
}

/**
 * The public keys that have signed records, published at /.well-known/record-keys.json. A key is
 * registered by the worker that signs with it, the first time it starts with it; a key stays
 * published for good, valid from its registration until the next key's.
 */
@Entity('record_signing_keys')
export class RecordSigningKeyEntity {
  @PrimaryColumn({ name: 'key_id', type: 'varchar', length: 100 })
  keyId: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, unknown>;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
