import { loadConfig } from '@aoc/config/config.schema';
import { ApiClient } from '@aoc/demo/api-client';
import { seedDemoRegistry } from '@aoc/demo/demo-registry';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';

/** `npm run seed`: against a running stack, fills the whole demo registry; `--plans` also creates the two demo drafts. */
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

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\nIs the stack running (npm start)?\n`);
  process.exit(1);
});
