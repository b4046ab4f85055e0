import { MigrationInterface, QueryRunner } from 'typeorm';

/** The users directory (UserEntity): one row per `sub` seen in a verified token. */
export class UsersDirectory1795960000000 implements MigrationInterface {
  name = 'UsersDirectory1795960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "users" ("id" character varying(200) NOT NULL, "name" character varying(200), "email" character varying(200), "roles" character varying(32) array NOT NULL, "country" character varying(2), "body" character varying(200), "seat" character varying(200), "org" character varying(200), "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
