/**
 * `npm test`: every test the project has, in one command. First jest (unit, integration, e2e,
 * authorization, fuzz and fault tests on the real Temporal and PostgreSQL; the arguments given to
 * `npm test -- …` go to jest), then, if they pass, the web app's tests in a real browser
 * (`npm run test:browser`, Playwright on the system's Chromium). `npm run test:unit`,
 * `test:e2e`, … and `test:browser` run one part. Plain JavaScript, like build-if-stale.mjs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

const jest = run(bin('jest'), process.argv.slice(2));
if (jest !== 0) process.exit(jest);

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stderr.write(
    `\nThe browser tests need Chromium at ${chromium}: install Debian's package (apt-get install chromium),\n` +
      'or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome binary. (Playwright downloads no browser here.)\n',
  );
  process.exit(1);
}
process.stdout.write('\n[test] jest passed; now the web app in a real browser (npm run test:browser)\n');
process.exit(run(bin('playwright'), ['test', '--config', 'test/browser/playwright.config.ts']));
