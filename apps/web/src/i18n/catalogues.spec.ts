import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROLES } from '../../../../libs/domain/src/actor';
import { EVENT_TYPES } from '../../../../libs/domain/src/event.types';
import { FIELDS_OF_ACTION, PLAN_KINDS, PLAN_STATUSES, STAGES } from '../../../../libs/domain/src/plan.types';
import { ALL_DECISIONS, DISPOSITIONS, TASK_STATUSES, TASK_TYPES } from '../../../../libs/domain/src/task.types';
import en from './en.json';
import fr from './fr.json';

type Catalogue = { [key: string]: string | Catalogue };

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}
const base = (keys: string[]) => new Set(keys.map((k) => k.replace(PLURAL, '')));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [file] : [];
  });
}

/** The message catalogues: every UI string in English and in French (the UN Secretariat's working languages). */
describe('the web app message catalogues', () => {
  const enKeys = base(keysOf(en));
  const frKeys = base(keysOf(fr));

  it('have the same keys in English and French, every message non-empty', () => {
    expect([...enKeys].filter((k) => !frKeys.has(k))).toEqual([]);
    expect([...frKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    for (const catalogue of [en, fr]) {
      expect(
        keysOf(catalogue).filter(
          (k) => !String(k.split('.').reduce<unknown>((c, p) => (c as Catalogue)[p], catalogue)).trim(),
        ),
      ).toEqual([]);
    }
  });

  it('hold every key the code names literally', () => {
    const used = sources(path.join(__dirname, '..')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('name every status, stage, role, task, decision and event of the domain', () => {
    const wanted = [
      ...PLAN_STATUSES.map((s) => `status.${s}`),
      ...STAGES.map((s) => `stage.${s}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...TASK_TYPES.map((t) => `taskType.${t}`),
      ...TASK_STATUSES.map((s) => `taskStatus.${s}`),
      ...ALL_DECISIONS.map((d) => `decision.${d}`),
      'decision.no_response',
      'decision.silent',
      ...DISPOSITIONS.map((d) => `disposition.${d}`),
      ...EVENT_TYPES.map((e) => `event.${e}`),
      ...FIELDS_OF_ACTION.map((f) => `field.${f}`),
      ...PLAN_KINDS.map((k) => `kind.${k}`),
    ];
    expect(wanted.filter((k) => !enKeys.has(k))).toEqual([]);
  });
});
