import { loadConfig } from '@aoc/config/config.schema';
import { ApiClient } from './api-client';
import { seedDemoRegistry } from './demo-registry';
import { DEMO_SEATS } from './demo-users';
import { nationalPlan, regionalStrategy } from './demo-plans';

/** Seeds the demo Group of Friends seats through the API. `npm run seed` fills the whole demo registry; `--plans` also creates the two demo drafts. */
export async function seedSeats(api: ApiClient, log: (line: string) => void): Promise<void> {
  for (const seat of DEMO_SEATS) {
    const response = await api.request('admin-ops', 'POST', '/gof-seats', seat);
    if (response.status === 201) log(`seat ${seat.seat} (${seat.name}) added`);
    else if (response.status === 409) log(`seat ${seat.seat} already present`);
    else throw new Error(`adding seat ${seat.seat} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const api = new ApiClient(process.env.API_URL ?? `http://127.0.0.1:${config.port}`, config.auth.jwtSecret);
  const log = (line: string) => process.stdout.write(`seed: ${line}\n`);
  await seedDemoRegistry(api, log);
  if (process.argv.includes('--plans')) {
    const national = await api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    log(`national plan draft ${national.id} (submitter-pt)`);
    const regional = await api.expect<{ id: string }>(201, 'coordinator-see', 'POST', '/plans', regionalStrategy());
    log(`regional strategy draft ${regional.id} (coordinator-see)`);
  }
  log('done; mint a token with `npm run token -- <user>`');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed failed: ${(error as Error).message}\nIs the stack running (npm start)?\n`);
    process.exit(1);
  });
}
