/**
 * `npm start` runs this before dist/infra/start.js: it builds dist/ only when the build's inputs
 * changed since the last build it made. The inputs are every file that tsconfig.build.json
 * compiles from (apps, libs, workflows, infra; no specs), the TypeScript configs and the package
 * files; their paths and contents are hashed, and the hash of a successful build is kept in
 * dist/.build-inputs. Plain JavaScript, so that it runs before anything is built (issue 12).
 * The web app (apps/web, which the API serves at /) is built the same way, on its own inputs, into
 * dist/web (`npm run build:web`), its hash kept in dist/.web-build-inputs.
 *
 * `node infra/build-if-stale.mjs --check` only says whether dist/ is fresh (exit 0) or not (1).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['apps', 'libs', 'workflows', 'infra'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const STAMP = path.join(ROOT, 'dist', '.build-inputs');
/** The web app: its sources are not the server's (tsconfig.build.json excludes them). */
const WEB_DIR = path.join(ROOT, 'apps', 'web');
const WEB_CONFIG_FILES = ['package.json', 'package-lock.json'];
const WEB_STAMP = path.join(ROOT, 'dist', '.web-build-inputs');
const WEB_OUTPUTS = ['dist/web/index.html'];
/** What the build must have made for dist/ to be used at all. */
const OUTPUTS = ['dist/infra/start.js', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && file !== WEB_DIR) yield* walk(file);
    } else if (entry.isFile() && !entry.name.endsWith('.spec.ts')) {
      yield file;
    }
  }
}

function* walkAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* walkAll(file);
    } else if (entry.isFile()) {
      yield file;
    }
  }
}

function inputsDigest() {
  return digestOf([
    ...SOURCE_DIRS.flatMap((dir) => (existsSync(path.join(ROOT, dir)) ? [...walk(path.join(ROOT, dir))] : [])),
    ...CONFIG_FILES.map((file) => path.join(ROOT, file)).filter((file) => existsSync(file)),
  ]);
}

/** The domain's vocabulary and rules, which the web app imports (`@aoc/domain`) as the API does. */
const DOMAIN_DIR = path.join(ROOT, 'libs', 'domain', 'src');

function webInputsDigest() {
  return digestOf([
    ...(existsSync(WEB_DIR) ? [...walkAll(WEB_DIR)] : []),
    ...(existsSync(DOMAIN_DIR) ? [...walkAll(DOMAIN_DIR)] : []),
    ...WEB_CONFIG_FILES.map((file) => path.join(ROOT, file)).filter((file) => existsSync(file)),
  ]);
}

function digestOf(unsorted) {
  const files = unsorted.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `${files.length} files sha256:${hash.digest('hex')}`;
}

function fresh(digest, outputs = OUTPUTS, stamp = STAMP) {
  if (outputs.some((file) => !existsSync(path.join(ROOT, file)))) return false;
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest;
}

const digest = inputsDigest();
const webDigest = existsSync(WEB_DIR) ? webInputsDigest() : undefined;
const webFresh = () => webDigest === undefined || fresh(webDigest, WEB_OUTPUTS, WEB_STAMP);
if (process.argv.includes('--check')) {
  process.exit(fresh(digest) && webFresh() ? 0 : 1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!fresh(digest)) {
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The digest taken before the build: a source changed during it makes the next start build again.
  writeFileSync(STAMP, `${digest}\n`);
}
if (!webFresh()) {
  console.log('Building the web app (npm run build:web)…');
  const build = spawnSync(npm, ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(WEB_STAMP, `${webDigest}\n`);
}
