/**
 * What `npm start` says at the end of its start-up (where everything is) and when a part ends on
 * its own (which part, and the last lines of its log).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@aoc/config/config.schema';
import { redactedUrl } from '@aoc/persistence/database-admin';
import { isCalm, readableLogLines } from '../support/console-mode';
import { tailOfFile } from '../support/log-files';
import { displayPath, logsDir } from '../support/project-paths';
import type { Provided } from './provided-services';
import { logFiles, mode, reporter } from './start-console';

export const DEFAULT_WORKER_METRICS_PORT = 9464;
/** How much of a part's log is shown when it ends unexpectedly. */
const CRASH_TAIL_LINES = 20;

/** Names the part that ended (or was given up) and its log; when its lines were not shown, shows the last ones. */
export function reportCrash(
  service: string,
  how: string,
  logFile: string | undefined,
  gaveUp: string | undefined,
): void {
  reporter.error(
    gaveUp
      ? `${service} ${how}; giving up on it (${gaveUp}); stopping the rest`
      : `${service} ${how} unexpectedly; stopping the rest`,
  );
  if (logFile === undefined) return;
  const tail = isCalm(mode) ? tailOfFile(logFile, CRASH_TAIL_LINES) : '';
  if (tail === '') {
    reporter.error(`its log: ${displayPath(logFile)}`);
    return;
  }
  const lines = readableLogLines(mode, path.basename(logFile, '.log'), tail.split('\n'));
  reporter.error(
    `the last lines of its log, ${displayPath(logFile)}:\n${lines.map((line) => `    ${line}`).join('\n')}`,
  );
}

/** The web app, which the API serves at `/` (apps/web, built into dist/web). */
export function appUrl(config: AppConfig): string {
  return `http://127.0.0.1:${config.port}/`;
}

/** Where the worker serves the Temporal SDK's metrics, as `npm start` set it. */
export function workerMetricsNote(): string {
  const port = Number(process.env.WORKER_METRICS_PORT ?? DEFAULT_WORKER_METRICS_PORT);
  return port > 0 ? `, http://127.0.0.1:${port}/metrics (worker)` : '';
}

export function printSummary(
  postgres: Provided,
  temporal: Provided,
  identity: Provided,
  mail: Provided,
  apiUrl: string,
  app: string,
): void {
  const rows: [string, string][] = [
    [
      'Web app',
      existsSync(path.resolve(__dirname, '..', '..', 'web', 'index.html'))
        ? app
        : `${app}  (not built: npm run build:web)`,
    ],
    ['PostgreSQL', `${redactedUrl(postgres.url)}  (${postgres.note})`],
    ['Temporal gRPC', `${temporal.url}  (${temporal.note})`],
    ['Temporal Web UI', temporal.uiUrl ?? 'not started here (external Temporal)'],
    ['Identity (OIDC)', `${identity.url}  (${identity.note})`],
    ['Mail (SMTP)', `${mail.url.replace(/\/\/[^@/]*@/, '//')}  (${mail.note})`],
    ['Mail web page', mail.uiUrl ?? 'not started here (SMTP_URL)'],
    ['API', apiUrl],
    ['API docs', `${apiUrl}/docs`],
    ['Metrics', `${apiUrl.replace(/\/api$/, '')}/metrics (API)${workerMetricsNote()}`],
    [
      'Logs',
      `${displayPath(logsDir())}/ ${logFiles
        .filter((file) => existsSync(file))
        .map((file) => path.basename(file))
        .join(' ')}`,
    ],
  ];
  const lines = rows.map(([label, value]) => `    ${label.padEnd(16)} ${value}`);
  reporter.success(`Everything is up:\n${lines.join('\n')}\n  Press Ctrl-C to stop.`);
}
