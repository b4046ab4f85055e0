import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes on open tasks, one for each way a task reaches an inbox: by assignee, by
 * candidate role and scope, by seat, and (for an admin) every open task in due order. Each
 * index holds the due date and id, so that TasksService.inbox reads a page in order (issue 12).
 */
export class OpenTaskIndexes1795970000000 implements MigrationInterface {
  name = 'OpenTaskIndexes1795970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_tasks_open_seat" ON "tasks"  ("candidate_seat", "candidate_role", "due_at", "id") WHERE status = 'open' AND assignee IS NULL AND candidate_seat IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_tasks_open_candidate" ON "tasks"  ("candidate_role", "candidate_country", "candidate_body", "due_at", "id") WHERE status = 'open' AND assignee IS NULL AND candidate_seat IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_tasks_open_assignee" ON "tasks"  ("assignee", "due_at", "id") WHERE status = 'open' AND assignee IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_tasks_open_due" ON "tasks"  ("due_at", "id") WHERE status = 'open'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_candidate"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_open_seat"`);
  }
}
