import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding the project's package.json, found by walking up from this
 * file, so that the same code works from `infra/` (ts-jest) and `dist/infra/`.
 */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** Where local services keep their state between runs (git-ignored). */
export function dataDir(): string {
  return path.join(projectRoot(), '.data');
}

/**
 * Where `npm start` and `npm run start:cluster` write the full log of each part: `.data/logs`
 * (git-ignored, with the rest of `.data/`), or `AOC_LOGS_DIR` (the cluster tier's own folder).
 */
export function logsDir(): string {
  const chosen = process.env.AOC_LOGS_DIR?.trim();
  return chosen ? path.resolve(chosen) : path.join(dataDir(), 'logs');
}

/** `file` relative to the project root, for messages. */
export function displayPath(file: string): string {
  const relative = path.relative(projectRoot(), file);
  return relative.startsWith('..') ? file : relative;
}
