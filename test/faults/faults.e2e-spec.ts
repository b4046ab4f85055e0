import { runFaultCase, summarize } from './support/fault-case';
import { postgresOutage, temporalKills, workerKills } from './support/fault-injectors';
import { seedFrom } from '../support/seeded-random';

/**
 * Many plans through the real API and worker while one part of the stack fails, one kind of
 * fault per case, each on a stack the case owns (its own PostgreSQL cluster and Temporal dev
 * server), run one after the other. Afterwards: every decision the API confirmed is in
 * PostgreSQL once, no event is recorded twice, every plan ends where its journey leads, every
 * history replays, and while a part was down the API answered a success or a 503 within 5 s.
 *
 * The fault schedule comes from a seed, printed first; FAULT_SEED=<seed> replays it.
 */
const SEED = seedFrom('FAULT_SEED');
const PLANS = 32;
const CASE_TIMEOUT_MS = 300_000;

const HELD = {
  lostDecisions: [],
  duplicateEvents: [],
  wrongEndStatus: [],
  replayFailures: [],
  outageAnswers: [],
  faultInjection: [],
  adoptionRecords: [],
};

describe('faults: nothing confirmed is lost, nothing is doubled, every plan ends', () => {
  beforeAll(() => console.log(`[faults] seed ${SEED}; set FAULT_SEED=${SEED} to replay this run's fault schedule`));

  it(
    '(a) survives the worker killed with SIGKILL and restarted, several times',
    async () => {
      const { findings } = await runFaultCase({
        label: 'a-worker',
        seed: SEED,
        plans: PLANS,
        injector: workerKills(3),
        journeyBoundMs: 150_000,
      });
      expect(summarize(findings)).toEqual(HELD);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    '(b) survives the Temporal server killed and restarted on its database file',
    async () => {
      const { findings } = await runFaultCase({
        label: 'b-temporal',
        seed: SEED,
        plans: PLANS,
        injector: temporalKills(2),
        journeyBoundMs: 120_000,
      });
      expect(summarize(findings)).toEqual(HELD);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    '(c) survives PostgreSQL stopped for 20 s and started again',
    async () => {
      const { findings } = await runFaultCase({
        label: 'c-postgres',
        seed: SEED,
        plans: PLANS,
        injector: postgresOutage(20),
        journeyBoundMs: 100_000,
      });
      expect(summarize(findings)).toEqual(HELD);
    },
    CASE_TIMEOUT_MS,
  );
});
