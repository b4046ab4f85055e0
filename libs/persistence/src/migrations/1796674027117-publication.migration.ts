import { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['adoption_records', 'adoption_record_files', 'record_signing_keys'];

/**
 * Publication (DOMAIN §10): adoption records, their PDFs and the keys that signed them, all
 * append-only like the event log; when each plan was endorsed (filled in for the plans endorsed
 * before, from their PLAN_ENDORSED events); and the full-text index of the versions' words.
 */
export class Publication1796674027117 implements MigrationInterface {
  name = 'Publication1796674027117';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "adoption_records" ("id" character varying(40) NOT NULL, "plan_id" uuid NOT NULL, "version_number" integer NOT NULL, "version_hash" character varying(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "canonical" text NOT NULL, "data_sha256" character varying(64) NOT NULL, "key_id" character varying(100) NOT NULL, "data_signature" character varying(200) NOT NULL, CONSTRAINT "PK_2d167092452cfc52a4211ab6cc0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_adoption_records_issued" ON "adoption_records"  ("issued_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_adoption_records_version" ON "adoption_records"  ("plan_id", "version_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "adoption_record_files" ("record_id" character varying(40) NOT NULL, "language" character varying(8) NOT NULL, "pdf" bytea NOT NULL, "file_sha256" character varying(64) NOT NULL, "file_signature" character varying(200) NOT NULL, "key_id" character varying(100) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_793780149e026d022aa4ac0cbd6" PRIMARY KEY ("record_id", "language"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "record_signing_keys" ("key_id" character varying(100) NOT NULL, "public_jwk" jsonb NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_183aa62e842485ba120bd48327f" PRIMARY KEY ("key_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "plans" ADD "endorsed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "idx_plans_endorsed" ON "plans"  ("endorsed_at", "id") WHERE status = 'ENDORSED'`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_records" ADD CONSTRAINT "FK_43804f0bfc98d3432c0029791c5" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "adoption_record_files" ADD CONSTRAINT "FK_3e06179ab1332580ac8bca57ee1" FOREIGN KEY ("record_id") REFERENCES "adoption_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}"
         FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_row()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only_truncate BEFORE TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_row()`,
      );
    }
    await queryRunner.query(
      `UPDATE plans p SET endorsed_at = (SELECT max(e.at) FROM events e WHERE e.plan_id = p.id AND e.type = 'PLAN_ENDORSED')
       WHERE p.status = 'ENDORSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_plan_versions_search" ON "plan_versions" USING gin (jsonb_to_tsvector('simple'::regconfig, content, '["string"]'::jsonb))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_plan_versions_search"`);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`ALTER TABLE "adoption_record_files" DROP CONSTRAINT "FK_3e06179ab1332580ac8bca57ee1"`);
    await queryRunner.query(`ALTER TABLE "adoption_records" DROP CONSTRAINT "FK_43804f0bfc98d3432c0029791c5"`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_endorsed"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "endorsed_at"`);
    await queryRunner.query(`DROP TABLE "record_signing_keys"`);
    await queryRunner.query(`DROP TABLE "adoption_record_files"`);
    await queryRunner.query(`DROP INDEX "public"."uq_adoption_records_version"`);
    await queryRunner.query(`DROP INDEX "public"."idx_adoption_records_issued"`);
    await queryRunner.query(`DROP TABLE "adoption_records"`);
  }
}
