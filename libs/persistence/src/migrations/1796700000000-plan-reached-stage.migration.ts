import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sees a plan depends on how far its review has gone (DOMAIN §2): the Group of Friends from its
 * endorsement stage on, civil society from its comment window on, also after the plan has gone
 * back. `reached_stage` keeps the furthest stage the review has entered; existing plans take it
 * from their events.
 */
export class PlanReachedStage1796700000000 implements MigrationInterface {
  name = 'PlanReachedStage1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" ADD "reached_stage" character varying(32)`);
    await queryRunner.query(
      `UPDATE "plans" p SET "reached_stage" = (
         SELECT (ARRAY['NATIONAL_CONSULTATION','CIVIL_SOCIETY_COMMENT','SECRETARIAT_REVIEW','GOF_ENDORSEMENT'])[
           max(array_position(ARRAY['NATIONAL_CONSULTATION','CIVIL_SOCIETY_COMMENT','SECRETARIAT_REVIEW','GOF_ENDORSEMENT'],
             e.payload ->> 'stage'))]
         FROM events e WHERE e.plan_id = p.id AND e.type = 'STAGE_ENTERED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plans" DROP COLUMN "reached_stage"`);
  }
}
