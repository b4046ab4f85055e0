/**
 * `npm run lint:openapi [-- <api-url>]`: lints the OpenAPI document that a running API serves
 * (default http://127.0.0.1:3000/api) with Redocly's recommended rules (redocly.yaml). Exits
 * non-zero on any error, so CI fails on a contract that does not lint.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const api = (process.argv[2] ?? 'http://127.0.0.1:3000/api').replace(/\/$/, '');
  const response = await fetch(`${api}/docs-json`).catch((error: unknown) => {
    throw new Error(`could not read ${api}/docs-json (${(error as Error).message}); start the API first (npm start)`);
  });
  if (!response.ok) throw new Error(`${api}/docs-json answered ${response.status}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'aoc-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, await response.text());
    const redocly = path.join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const result = spawnSync(process.execPath, [redocly, 'lint', file, '--config', path.join(ROOT, 'redocly.yaml')], {
      stdio: 'inherit',
      // No telemetry and no update check: the lint runs offline.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return result.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lint:openapi: ${(error as Error).message}`);
    process.exit(1);
  },
);
