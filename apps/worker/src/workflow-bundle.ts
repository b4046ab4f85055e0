import type { WorkerOptions } from '@temporalio/worker';
import { join, resolve } from 'node:path';

/** The project's root: the repository when run from source, `dist/` when run from the build. */
const ROOT = resolve(__dirname, '../../..');

/** The workflows' source; bundled by the worker at start-up. */
export const WORKFLOWS_PATH = require.resolve(join(ROOT, 'workflows/src'));

/**
 * The path aliases replay-safe code may use (tsconfig.json `paths`), for Temporal's webpack
 * bundle. The build rewrites them to relative paths; tests bundle the TypeScript source.
 */
const ALIASES = {
  '@aoc/domain': join(ROOT, 'libs/domain/src'),
  '@aoc/workflows': join(ROOT, 'workflows/src'),
};

type WebpackConfigHook = NonNullable<NonNullable<WorkerOptions['bundlerOptions']>['webpackConfigHook']>;

export const webpackConfigHook: WebpackConfigHook = (config) => ({
  ...config,
  resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...ALIASES } },
});
