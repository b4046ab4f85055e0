import { FIELDS_OF_ACTION, PlanContent, participatingCountries } from './plan.types';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * "A quantum minimum of structure" (DOMAIN §3): what a draft needs before it can be submitted.
 * Returns one problem per offending field; an empty list means submittable.
 */
export function submissionProblems(content: PlanContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  need(content.title.trim().length > 0, 'title', 'a title is required');
  need(content.summary.trim().length > 0, 'summary', 'a summary is required');
  if (content.kind === 'national_plan') {
    need(!!content.country, 'country', 'a national plan needs its owner country');
  } else {
    need(new Set(content.countries ?? []).size >= 2, 'countries', 'a regional strategy needs two or more countries');
  }
  for (const country of participatingCountries(content)) {
    need(
      (content.consultees[country] ?? []).length > 0,
      `consultees.${country}`,
      `country ${country} needs at least one consultee body`,
    );
  }
  for (const field of FIELDS_OF_ACTION) {
    const objectives = content.fields[field]?.objectives ?? [];
    need(
      objectives.some((o) => o.trim().length > 0),
      `fields.${field}.objectives`,
      `the ${field} section needs at least one objective`,
    );
  }
  return problems;
}

/** Problems that make a draft inconsistent at any time (not only at submission). */
export function draftProblems(content: PlanContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (content.kind === 'national_plan' && content.countries && content.countries.length > 0) {
    problems.push({ field: 'countries', message: 'a national plan has one `country`, not `countries`' });
  }
  if (content.kind === 'regional_strategy' && content.country) {
    problems.push({ field: 'country', message: 'a regional strategy has `countries`, not one `country`' });
  }
  const countries = new Set(participatingCountries(content));
  if (countries.size < participatingCountries(content).length) {
    problems.push({ field: 'countries', message: 'a country is listed more than once' });
  }
  for (const [country, bodies] of Object.entries(content.consultees)) {
    if (new Set(bodies).size < bodies.length) {
      problems.push({
        field: `consultees.${country}`,
        message: `a consultee body is listed more than once for ${country}`,
      });
    }
    if (!countries.has(country)) {
      problems.push({
        field: `consultees.${country}`,
        message: `${country} is not a participating country of this plan`,
      });
    }
  }
  return problems;
}
