import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log and the frozen versions are append-only (DOMAIN §6): the database itself
 * refuses to change or delete a row of `events` or `plan_versions`, whoever asks.
 */
export class AppendOnlyLog1795940000000 implements MigrationInterface {
  name = 'AppendOnlyLog1795940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_change_of_append_only_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of ['events', 'plan_versions']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}"
         FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_row()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only_truncate BEFORE TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_row()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['plan_versions', 'events']) {
      await queryRunner.query(`DROP TRIGGER ${table}_append_only_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_change_of_append_only_row()`);
  }
}
