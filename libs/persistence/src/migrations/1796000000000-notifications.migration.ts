import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (DOMAIN §8): deliveries and their attempts, users' preferences, webhooks; and
 * the trigger that announces each new event on the `aoc_events` channel (its id as the
 * payload), which every API instance LISTENs to for the live event stream.
 */
export class Notifications1796000000000 implements MigrationInterface {
  name = 'Notifications1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL, "event_key" character varying(300) NOT NULL, "event_id" bigint NOT NULL, "event_type" character varying(40) NOT NULL, "plan_id" uuid NOT NULL, "channel" character varying(16) NOT NULL, "target" character varying(200) NOT NULL, "address" character varying(2000) NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_webhook" ON "notification_deliveries"  ("target", "created_at") WHERE "channel" = 'webhook'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notification_deliveries_failed" ON "notification_deliveries"  ("updated_at") WHERE "status" = 'failed'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notification_deliveries_target" ON "notification_deliveries"  ("event_key", "channel", "target") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_attempts" ("delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "status_code" integer, "error" text, CONSTRAINT "PK_3886eebef959f7e6ec93bb10de4" PRIMARY KEY ("delivery_id", "attempt"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" character varying(200) NOT NULL, "disabled" character varying(40) array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_64c90edc7310c6be7c10c96f675" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "events" character varying(40) array NOT NULL, "secret" character varying(200) NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE FUNCTION events_announce() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('aoc_events', NEW.id::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER events_announce AFTER INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION events_announce()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER events_announce ON "events"`);
    await queryRunner.query(`DROP FUNCTION events_announce()`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP TABLE "notification_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_deliveries_target"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_failed"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notification_deliveries_webhook"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
  }
}
