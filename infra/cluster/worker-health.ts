/**
 * The worker image's health check: healthy when Temporal lists this worker among the pollers
 * of its task queue. A worker's identity is "<pid>@<host name>", and a container's host name
 * is its own, so a poller "...@<this host name>" is this container's worker.
 * `node dist/infra/cluster/worker-health.js` exits 0 when healthy, 1 otherwise.
 */
import { hostname } from 'node:os';

import { loadConfig } from '@aoc/config/config.schema';
import { workflowPollers } from './app-instances';

async function main(): Promise<number> {
  const { address, namespace, taskQueue } = loadConfig(process.env).temporal;
  const pollers = await workflowPollers({ address, namespace, taskQueue });
  const mine = pollers.filter((identity) => identity.endsWith(`@${hostname()}`));
  if (mine.length > 0) return 0;
  process.stderr.write(
    `no poller of task queue ${taskQueue} from ${hostname()} (pollers: ${pollers.join(', ') || 'none'})\n`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`worker health: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
