import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPlanForeignKeys1795855583892 implements MigrationInterface {
  name = 'AddPlanForeignKeys1795855583892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_a8e2eab46c03612505efba5b894" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "events" ADD CONSTRAINT "FK_5e5a15105563a8cb85437936080" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_versions" ADD CONSTRAINT "FK_b504a5b710ec5832245809b7bce" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_31a280e3d0a129221e614c63125" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_31a280e3d0a129221e614c63125"`);
    await queryRunner.query(`ALTER TABLE "plan_versions" DROP CONSTRAINT "FK_b504a5b710ec5832245809b7bce"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_5e5a15105563a8cb85437936080"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_a8e2eab46c03612505efba5b894"`);
  }
}
