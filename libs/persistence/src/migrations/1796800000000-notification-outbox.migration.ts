import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications off Temporal (docs/notifications.md): the event log is the outbox.
 * - `notification_outbox`: one row per new event, inserted by a trigger in the transaction that
 *   appends the event, so an event is queued exactly when it commits (and never for an append that
 *   found its key taken). The worker's notification consumer takes rows with `FOR UPDATE SKIP
 *   LOCKED` and deletes them in the transaction that opens the event's deliveries.
 * - `notification_deliveries.next_attempt_at`: when the consumer may (next) attempt a delivery; a
 *   claimed delivery's is pushed past its attempt's timeout, so a consumer that dies mid-attempt
 *   leaves it to another. NULL for the deliveries of a `notifyWorkflow` (0.4), which that workflow
 *   drives to its end.
 */
export class NotificationOutbox1796800000000 implements MigrationInterface {
  name = 'NotificationOutbox1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_outbox" ("event_id" bigint NOT NULL, CONSTRAINT "PK_notification_outbox" PRIMARY KEY ("event_id"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION events_enqueue_notification() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO notification_outbox (event_id) VALUES (NEW.id);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER events_enqueue_notification AFTER INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION events_enqueue_notification()`,
    );
    await queryRunner.query(`ALTER TABLE "notification_deliveries" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_due" ON "notification_deliveries"  ("next_attempt_at") WHERE "status" = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_due"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`DROP TRIGGER events_enqueue_notification ON "events"`);
    await queryRunner.query(`DROP FUNCTION events_enqueue_notification()`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
  }
}
