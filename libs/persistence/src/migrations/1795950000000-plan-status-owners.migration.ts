import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One writer for each column of `plans`: the API keeps a never-submitted draft's status in
 * `draft_status`, the review keeps its own in `review_status`, and `status` becomes a column
 * that PostgreSQL computes from the two. Existing rows keep their status.
 */
export class PlanStatusOwners1795950000000 implements MigrationInterface {
  name = 'PlanStatusOwners1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "draft_status" character varying(32) NOT NULL DEFAULT 'DRAFT'`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "review_status" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "review_updated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "plans" SET "review_status" = "status", "review_updated_at" = "updated_at" WHERE "latest_version" > 0`,
    );
    await queryRunner.query(`UPDATE "plans" SET "draft_status" = "status" WHERE "latest_version" = 0`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_status"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "status"`);
    await queryRunner.query(
      `ALTER TABLE "plans" ADD "status" character varying(32) GENERATED ALWAYS AS (COALESCE(review_status, draft_status)) STORED NOT NULL`,
    );
    // TypeORM keeps a generated column's expression here, to compare it with the entity's.
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), 'public', 'plans', 'GENERATED_COLUMN', 'status', $1)`,
      ['COALESCE(review_status, draft_status)'],
    );
    await queryRunner.query(`CREATE INDEX "idx_plans_status" ON "plans" ("status") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_plans_status"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'status' AND "table" = 'plans'`,
    );
    await queryRunner.query(`ALTER TABLE "plans" RENAME COLUMN "status" TO "computed_status"`);
    await queryRunner.query(`ALTER TABLE "plans" ADD "status" character varying(32)`);
    await queryRunner.query(`UPDATE "plans" SET "status" = "computed_status"`);
    await queryRunner.query(`ALTER TABLE "plans" ALTER COLUMN "status" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "computed_status"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "review_updated_at"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "review_status"`);
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "draft_status"`);
    await queryRunner.query(`CREATE INDEX "idx_plans_status" ON "plans" ("status") `);
  }
}
