/**
 * The Dockerfile: a pinned Node 24 base, the api and worker targets, a non-root user, health
 * checks and the built entry points.
 */
import { existsSync } from 'node:fs';
import { APP_ENTRY_POINTS } from '../cluster/app-instances';
import { API_PORT, expectThat, file, read, reporter } from './deployment-checks';

export function checkDockerfile(): void {
  const dockerfile = read('Dockerfile');
  const base = /^ARG NODE_IMAGE=node:(\d+)\.(\d+)\.(\d+)-[\w.-]+$/m.exec(dockerfile);
  expectThat(base?.[1] === '24', 'Dockerfile: the base image must be pinned to a Node 24 release (node:24.x.y-…)');
  for (const target of ['build', 'runtime', 'api', 'worker']) {
    expectThat(new RegExp(`^FROM .* AS ${target}$`, 'm').test(dockerfile), `Dockerfile: no stage "${target}"`);
  }
  expectThat(/^USER node$/m.test(dockerfile), 'Dockerfile: the images must run as the non-root "node" user');
  expectThat((dockerfile.match(/^HEALTHCHECK /gm) ?? []).length === 2, 'Dockerfile: api and worker need a HEALTHCHECK');
  expectThat(new RegExp(`^EXPOSE ${API_PORT}$`, 'm').test(dockerfile), `Dockerfile: the API must EXPOSE ${API_PORT}`);
  expectThat(dockerfile.includes('/api/health'), 'Dockerfile: the API health check must call /api/health');
  for (const entry of [APP_ENTRY_POINTS.api, APP_ENTRY_POINTS.worker, 'dist/infra/cluster/worker-health.js']) {
    expectThat(dockerfile.includes(entry), `Dockerfile: ${entry} is not run`);
    expectThat(existsSync(file(entry)), `${entry} does not exist after the build (run npm run build first)`);
  }
  reporter.success('Dockerfile: Node 24 base, api and worker targets, non-root, health checks, entry points');
}
