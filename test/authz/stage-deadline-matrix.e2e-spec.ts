import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';
import { inParallel } from '../support/in-parallel';
import type { RowName } from './actors';
import { STAGE_DEADLINE_MATRIX } from './authorization.matrix';
import { REQUIRED_ROWS, parseTable } from './matrix-table';
import { PlanDriver, type StateName } from './plan-states';
import { type PlanStatus, isTerminal } from '@aoc/domain/plan.types';

/**
 * Runs every cell of STAGE_DEADLINE_MATRIX (test/authz/authorization.matrix.ts): POST
 * /plans/:id/deadline by every caller, in every state, against the real API and worker processes.
 */
const COLUMNS: Record<string, StateName> = {
  draft: 'DRAFT',
  natc: 'NATIONAL_CONSULTATION',
  window: 'CIVIL_SOCIETY_COMMENT, window open',
  dispo: 'CIVIL_SOCIETY_COMMENT, awaiting disposition',
  secr: 'SECRETARIAT_REVIEW',
  gof: 'GOF_ENDORSEMENT',
  revis: 'REVISION',
  endrs: 'ENDORSED',
  wdrn: 'WITHDRAWN',
};
const PARALLEL = 6;

describe('authorization matrix: POST /plans/:id/deadline', () => {
  const h = new ApiHarness({
    NATIONAL_CONSULTATION_DURATION: '10m',
    COMMENT_WINDOW_DURATION: '20s',
    SECRETARIAT_REVIEW_DURATION: '10m',
    ENDORSEMENT_DURATION: '10m',
  });
  let drive: PlanDriver;
  beforeAll(async () => {
    await h.start();
    await seedSeats(h.api, () => undefined);
    drive = new PlanDriver(h.api.baseUrl);
    await drive.introduceDelegates();
  });
  afterAll(async () => {
    await inParallel([...(drive?.plans ?? [])], PARALLEL, async (id) => {
      const status = ((await drive.call('admin-ops', 'GET', `/plans/${id}`)).body as { status?: PlanStatus })?.status;
      if (status && !isTerminal(status)) await drive.call('admin-ops', 'POST', `/plans/${id}/cancel`, {});
    });
    await h.stop();
  });

  it('answers every cell as the table says', async () => {
    const table = parseTable('stage deadline', STAGE_DEADLINE_MATRIX, Object.keys(COLUMNS), REQUIRED_ROWS);
    const mismatches: string[] = [];
    let checked = 0;
    // Each column runs as soon as its plan is there: the open comment window passes by itself.
    await Promise.all(
      table.columns.map(async (column) => {
        let planId: string;
        try {
          planId = (await drive.reach(COLUMNS[column], 0)).planId;
        } catch (error) {
          mismatches.push(`${column}: could not bring a plan there: ${error}`);
          return;
        }
        await inParallel(
          table.cells.filter((cell) => cell.column === column),
          PARALLEL,
          async (cell) => {
            const reply = await drive.call(cell.row as RowName, 'POST', `/plans/${planId}/deadline`, {
              dueAt: new Date(Date.now() + 86_400_000).toISOString(),
            });
            checked++;
            if (String(reply.status) !== cell.expected) {
              const message = (reply.body as { message?: string } | undefined)?.message ?? '';
              mismatches.push(`${cell.row} | ${column}: expected ${cell.expected}, got ${reply.status} (${message})`);
            }
          },
        );
      }),
    );
    expect(checked).toBe(table.cells.length);
    expect(mismatches).toEqual([]);
  }, 300_000);
});
