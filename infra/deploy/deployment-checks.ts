/**
 * What every deployment check shares: the repository's files and YAML (merge keys applied), the
 * problems found so far (reported together at the end), and the names the files must agree on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAll } from 'js-yaml';
import { CONFIG_VARIABLES } from '@aoc/config/config.schema';
import { errorMessage } from '@aoc/support/format';
import { ProgressReporter } from '../support/progress-reporter';
import { projectRoot } from '../support/project-paths';

export const API_PORT = Number(CONFIG_VARIABLES.find((v) => v.name === 'PORT')!.default);
export const IMAGES = { api: 'aoc-plan-approval/api', worker: 'aoc-plan-approval/worker' };

export type Doc = Record<string, unknown>;
export const reporter = new ProgressReporter('check-deploy');
export const problems: string[] = [];
export const root = projectRoot();
export const file = (relative: string) => path.join(root, relative);
export const read = (relative: string) => readFileSync(file(relative), 'utf8');

export function expectThat(ok: boolean, problem: string): void {
  if (!ok) problems.push(problem);
}

export function parseYaml(relative: string, text = read(relative)): Doc[] {
  try {
    return loadAll(text)
      .map(resolveMergeKeys)
      .filter((d): d is Doc => typeof d === 'object' && d !== null);
  } catch (error) {
    problems.push(`${relative} does not parse as YAML: ${errorMessage(error)}`);
    return [];
  }
}

/** Applies YAML merge keys (`<<: *anchor`), which compose files use and js-yaml leaves as they are. */
export function resolveMergeKeys(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolveMergeKeys);
  if (typeof node !== 'object' || node === null) return node;
  const { '<<': merged, ...own } = node as Record<string, unknown>;
  const bases = (Array.isArray(merged) ? merged : merged === undefined ? [] : [merged]).map(resolveMergeKeys);
  const result: Record<string, unknown> = Object.assign({}, ...(bases as object[]));
  for (const [key, value] of Object.entries(own)) result[key] = resolveMergeKeys(value);
  return result;
}

export const get = (doc: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], doc);
