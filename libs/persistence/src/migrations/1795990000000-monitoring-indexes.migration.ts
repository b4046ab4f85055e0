import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes of the admins' monitoring (docs/monitoring.md) and of the new list filters:
 * - open tasks by plan (waiting-on groups a plan's blockers) and by stage (the overview's and the
 *   metrics' open and overdue counts), both partial on open tasks and holding the due date;
 * - the event log's stage moves: STAGE_COMPLETED by time (the overview's window) and by id (the
 *   metrics' stage-duration histogram, read incrementally), STAGE_ENTERED by plan (the entry that
 *   a completion pairs with), and the comment window's closing time by plan (waiting-on);
 * - plans by `updated_at` (`GET /plans?updatedSince=&sort=updatedAt`) and by submitter;
 * - plans by status with their id (idx_plans_status, which held the status alone): waiting-on reads
 *   the plans in REVISION and in the comment stage, and the counts by status, from the index alone.
 */
export class MonitoringIndexes1795990000000 implements MigrationInterface {
  name = 'MonitoringIndexes1795990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_tasks_open_plan" ON "tasks" ("plan_id", "due_at") WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX "idx_tasks_open_stage" ON "tasks" ("stage", "due_at") WHERE status = 'open'`);
    await queryRunner.query(
      `CREATE INDEX "idx_events_stage_entered" ON "events" ("plan_id", "id", "at") WHERE type = 'STAGE_ENTERED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_events_stage_completed_at" ON "events" ("at") WHERE type = 'STAGE_COMPLETED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_events_stage_completed_id" ON "events" ("id") WHERE type = 'STAGE_COMPLETED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_events_comment_window" ON "events" ("plan_id", "id") WHERE (payload ->> 'commentWindowClosesAt') IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_plans_updated" ON "plans" ("updated_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_plans_submitter" ON "plans" ("submitted_by", "updated_at")`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_status"`);
    await queryRunner.query(`CREATE INDEX "idx_plans_status" ON "plans" ("status", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_plans_status"`);
    await queryRunner.query(`CREATE INDEX "idx_plans_status" ON "plans" ("status")`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_submitter"`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_comment_window"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_stage_completed_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_stage_completed_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_stage_entered"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_stage"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_plan"`);
  }
}
