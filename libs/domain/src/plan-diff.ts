import { PlanContent } from './plan.types';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(path ? `${path}.${key}` : key, before[key], after[key], out);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ path, before, after });
}

/** Compares two versions field by field; lists and scalars are compared as whole values. */
export function diffContent(before: PlanContent, after: PlanContent): FieldChange[] {
  const changes: FieldChange[] = [];
  walk('', before, after, changes);
  return changes;
}

/** Canonical JSON (sorted keys) so that equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
