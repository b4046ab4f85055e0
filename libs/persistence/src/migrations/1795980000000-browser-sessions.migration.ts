import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions (SessionEntity): the hash of each session id, its actor and its lifetime. */
export class BrowserSessions1795980000000 implements MigrationInterface {
  name = 'BrowserSessions1795980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sessions" ("id_hash" character varying(64) NOT NULL, "sub" character varying(200) NOT NULL, "actor" jsonb NOT NULL, "name" character varying(200), "email" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5dda86a77da1e1e37e690a45996" PRIMARY KEY ("id_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sessions_expires" ON "sessions"  ("expires_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_expires"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
