import { MigrationInterface, QueryRunner } from 'typeorm';
import { seedCountries } from '../repositories/registry';

/**
 * The registry of organisations (DOMAIN §12): countries (seeded with every ISO 3166-1 country and
 * its names in the six UN languages), regions, national bodies, organizations, the seats' and the
 * users' retirement, users registered before their first sign-in, and the append-only log of
 * every change to the registry.
 */
export class Registry1796685955425 implements MigrationInterface {
  name = 'Registry1796685955425';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "countries" ("code" character varying(2) NOT NULL, "names" jsonb NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b47cbb5311bad9c9ae17b8c1eda" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "regions" ("id" character varying(100) NOT NULL, "name" character varying(300) NOT NULL, "countries" character varying(2) array NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fcd12ed6a046276e2deb08801c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "national_bodies" ("country" character varying(2) NOT NULL, "id" character varying(200) NOT NULL, "name" character varying(300) NOT NULL, "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_56b50d4099fc55958f54fd70201" PRIMARY KEY ("country", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" character varying(200) NOT NULL, "name" character varying(300) NOT NULL, "kind" character varying(32) NOT NULL DEFAULT 'civil_society', "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "registry_changes" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "key" character varying(300) NOT NULL, "action" character varying(32) NOT NULL, "before" jsonb, "after" jsonb, CONSTRAINT "PK_3e0e0ef8d405b144010f0e39e0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_registry_changes_entry" ON "registry_changes"  ("kind", "key", "id") `);
    await queryRunner.query(`ALTER TABLE "gof_seats" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "registered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "registered_by" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "users" ADD "retired_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ADD "scope_unknown" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "first_seen_at" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "last_seen_at" DROP NOT NULL`);
    // The log is append-only, like the event log (refuse_change_of_append_only_row: AppendOnlyLog1795940000000).
    await queryRunner.query(
      `CREATE TRIGGER registry_changes_append_only BEFORE UPDATE OR DELETE ON "registry_changes"
       FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_row()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER registry_changes_append_only_truncate BEFORE TRUNCATE ON "registry_changes"
       FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_row()`,
    );
    await seedCountries(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER registry_changes_append_only_truncate ON "registry_changes"`);
    await queryRunner.query(`DROP TRIGGER registry_changes_append_only ON "registry_changes"`);
    await queryRunner.query(`DELETE FROM "users" WHERE "first_seen_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "last_seen_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "first_seen_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "scope_unknown"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "retired_at"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "registered_by"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "registered_at"`);
    await queryRunner.query(`ALTER TABLE "gof_seats" DROP COLUMN "retired_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_registry_changes_entry"`);
    await queryRunner.query(`DROP TABLE "registry_changes"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP TABLE "national_bodies"`);
    await queryRunner.query(`DROP TABLE "regions"`);
    await queryRunner.query(`DROP TABLE "countries"`);
  }
}
