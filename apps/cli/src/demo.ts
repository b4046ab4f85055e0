import { loadConfig } from '@aoc/config/config.schema';
import { ApiClient } from '@aoc/demo/api-client';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import { walkToEndorsed } from '@aoc/demo/demo-walk';
import { seedDemoRegistry } from '@aoc/demo/demo-registry';

/**
 * `npm run demo`: against a running stack, fills the demo registry and walks a National Plan and a
 * Regional Strategy to ENDORSED through the HTTP API, printing every step.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const api = new ApiClient(process.env.API_URL ?? `http://127.0.0.1:${config.port}`, config.auth.jwtSecret);
  const started = Date.now();
  const log = (scope: string) => (line: string) =>
    process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${scope}: ${line}\n`);
  await seedDemoRegistry(api, log('registry'));
  const seats = ['gof-es', 'gof-tr', 'gof-unesco'] as const;
  await Promise.all([
    walkToEndorsed(
      api,
      nationalPlan(),
      {
        submitter: 'submitter-pt',
        consultees: ['consultee-pt-education', 'consultee-pt-culture'],
        cso: 'cso-youth-network',
        secretariat: 'secretariat-anna',
        seats: [...seats],
      },
      log('national plan'),
    ),
    walkToEndorsed(
      api,
      regionalStrategy(),
      {
        submitter: 'coordinator-see',
        consultees: ['consultee-al-foreign', 'consultee-ba-civil', 'consultee-hr-culture'],
        cso: 'cso-media-watch',
        secretariat: 'secretariat-omar',
        seats: [...seats],
      },
      log('regional strategy'),
    ),
  ]);
  process.stdout.write('demo complete: both plans are ENDORSED\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).message}\n`);
  process.exit(1);
});
