import type { PlanContent } from '../../api/client';
import { FIELDS, type Field } from '../../components/domain';

/**
 * The plan editor's form, as text the inputs hold (lists separated by commas, objectives one a
 * line), and its translation from and to the plan's content.
 */
export interface ActionForm {
  title: string;
  lead: string;
  partners: string;
  timeline: string;
  indicators: string;
}
export interface FormState {
  kind: PlanContent['kind'];
  title: string;
  summary: string;
  country: string;
  countries: string;
  consultees: Record<string, string>;
  partners: string;
  priorityTopics: string;
  objectives: Record<Field, string>;
  actions: Record<Field, ActionForm[]>;
}

export const split = (text: string, by: RegExp = /,/): string[] =>
  text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);

export const EMPTY: FormState = {
  kind: 'national_plan',
  title: '',
  summary: '',
  country: '',
  countries: '',
  consultees: {},
  partners: '',
  priorityTopics: '',
  objectives: { education: '', media: '', youth: '', migration: '' },
  actions: { education: [], media: [], youth: [], migration: [] },
};

export function fromContent(c: PlanContent): FormState {
  const objectives = { ...EMPTY.objectives };
  const actions = { ...EMPTY.actions };
  for (const f of FIELDS) {
    objectives[f] = (c.fields?.[f]?.objectives ?? []).join('\n');
    actions[f] = (c.fields?.[f]?.actions ?? []).map((a) => ({
      title: a.title,
      lead: a.lead,
      partners: a.partners.join(', '),
      timeline: a.timeline,
      indicators: a.indicators.join(', '),
    }));
  }
  return {
    kind: c.kind,
    title: c.title,
    summary: c.summary,
    country: c.country ?? '',
    countries: (c.countries ?? []).join(', '),
    consultees: Object.fromEntries(Object.entries(c.consultees ?? {}).map(([k, v]) => [k, v.join(', ')])),
    partners: c.partners.join(', '),
    priorityTopics: c.priorityTopics.join(', '),
    objectives,
    actions,
  };
}

export const countriesOf = (s: FormState): string[] =>
  s.kind === 'national_plan' ? split(s.country.toUpperCase()) : split(s.countries.toUpperCase());

export function toContent(s: FormState): PlanContent {
  const countries = countriesOf(s);
  return {
    kind: s.kind,
    title: s.title,
    summary: s.summary,
    ...(s.kind === 'national_plan' ? { country: s.country.trim().toUpperCase() } : { countries }),
    consultees: Object.fromEntries(countries.map((c) => [c, split(s.consultees[c] ?? '')])),
    partners: split(s.partners),
    priorityTopics: split(s.priorityTopics),
    fields: Object.fromEntries(
      FIELDS.map((f) => [
        f,
        {
          objectives: split(s.objectives[f], /\n/),
          actions: s.actions[f].map((a) => ({
            title: a.title,
            lead: a.lead,
            partners: split(a.partners),
            timeline: a.timeline,
            indicators: split(a.indicators),
          })),
        },
      ]),
    ) as PlanContent['fields'],
  };
}

/** What the editor's sections get: the form, a setter of one of its values, and the message at a field. */
export interface FormSectionProps {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  err: (field: string) => string | undefined;
}
