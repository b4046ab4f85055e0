import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795851625099 implements MigrationInterface {
  name = 'InitialSchema1795851625099';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL, "plan_id" uuid NOT NULL, "author" character varying(200) NOT NULL, "org" character varying(200) NOT NULL, "text" text NOT NULL, "field" character varying(32), "version_number" integer NOT NULL, "version_hash" character varying(64) NOT NULL, "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hidden" boolean NOT NULL DEFAULT false, "hidden_reason" text, "hidden_by" character varying(200), "hidden_at" TIMESTAMP WITH TIME ZONE, "disposition" character varying(32), "response" text, "disposed_by" character varying(200), "disposed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_comments_plan" ON "comments"  ("plan_id", "posted_at") `);
    await queryRunner.query(
      `CREATE TABLE "events" ("id" BIGSERIAL NOT NULL, "key" character varying(300) NOT NULL, "plan_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "actor" character varying(200) NOT NULL, "version_number" integer, "version_hash" character varying(64), "at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_events_key" ON "events"  ("key") `);
    await queryRunner.query(`CREATE INDEX "idx_events_plan" ON "events"  ("plan_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "gof_seats" ("seat" character varying(100) NOT NULL, "name" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_349263bbf27a592a2f04f0e0c82" PRIMARY KEY ("seat"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_versions" ("plan_id" uuid NOT NULL, "number" integer NOT NULL, "hash" character varying(64) NOT NULL, "content" jsonb NOT NULL, "created_by" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_79b64292ff25adbb81527139fce" PRIMARY KEY ("plan_id", "number"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plans" ("id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "status" character varying(32) NOT NULL, "title" character varying(300) NOT NULL, "draft" jsonb NOT NULL, "countries" text array NOT NULL DEFAULT '{}', "created_by" character varying(200) NOT NULL, "submitted_by" character varying(200), "latest_version" integer NOT NULL DEFAULT '0', "review_version" integer NOT NULL DEFAULT '0', "return_to" character varying(32), "workflow_id" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3720521a81c7c24fe9b7202ba61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_plans_status" ON "plans"  ("status") `);
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL, "plan_id" uuid NOT NULL, "workflow_id" character varying(200) NOT NULL, "stage" character varying(32) NOT NULL, "type" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "assignee" character varying(200), "candidate_role" character varying(32) NOT NULL, "candidate_country" character varying(2), "candidate_body" character varying(200), "candidate_seat" character varying(200), "claimed_by" character varying(200), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version_number" integer NOT NULL, "version_hash" character varying(64) NOT NULL, "decision" character varying(32), "comment" text, "reason" text, "dispositions" jsonb, "completed_by" character varying(200), "completed_at" TIMESTAMP WITH TIME ZONE, "completion_key" character varying(200), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_tasks_plan" ON "tasks"  ("plan_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_tasks_inbox" ON "tasks"  ("status", "candidate_role", "due_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_plan"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."idx_plans_status"`);
    await queryRunner.query(`DROP TABLE "plans"`);
    await queryRunner.query(`DROP TABLE "plan_versions"`);
    await queryRunner.query(`DROP TABLE "gof_seats"`);
    await queryRunner.query(`DROP INDEX "public"."idx_events_plan"`);
    await queryRunner.query(`DROP INDEX "public"."uq_events_key"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_comments_plan"`);
    await queryRunner.query(`DROP TABLE "comments"`);
  }
}
