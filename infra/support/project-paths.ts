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

/** Where `npm start` writes the full log of each part (git-ignored, with the rest of `.data/`). */
export function logsDir(): string {
  return path.join(dataDir(), 'logs');
}

/** `file` relative to the project root, for messages. */
export function displayPath(file: string): string {
  const relative = path.relative(projectRoot(), file);
  return relative.startsWith('..') ? file : relative;
}
