import {
  PLAN_SEARCH_ATTRIBUTE_KEYS,
  PlanCountriesKey,
  PlanKindKey,
  PlanStageKey,
  PlanStatusKey,
  cliType,
  planSearchAttributeUpdates,
  reviewStartSearchAttributes,
} from './search-attributes';

const national = { kind: 'national_plan' as const, country: 'PT' };
const regional = { kind: 'regional_strategy' as const, countries: ['AL', 'BA', 'HR'] };

describe('the plans’ search attributes', () => {
  it('are the four of issue 9, with the CLI’s type names', () => {
    expect(PLAN_SEARCH_ATTRIBUTE_KEYS.map((k) => `${k.name}=${cliType(k.type)}`)).toEqual([
      'PlanStatus=Keyword',
      'PlanStage=Keyword',
      'PlanKind=Keyword',
      'PlanCountries=KeywordList',
    ]);
  });

  it('start a review in NATIONAL_CONSULTATION with its kind and countries', () => {
    expect(reviewStartSearchAttributes({ kind: 'regional_strategy', countries: ['AL', 'BA'] })).toEqual([
      { key: PlanStatusKey, value: 'NATIONAL_CONSULTATION' },
      { key: PlanStageKey, value: 'NATIONAL_CONSULTATION' },
      { key: PlanKindKey, value: 'regional_strategy' },
      { key: PlanCountriesKey, value: ['AL', 'BA'] },
    ]);
    expect(reviewStartSearchAttributes({ kind: 'national_plan', countries: ['PT'] })).toContainEqual({
      key: PlanCountriesKey,
      value: ['PT'],
    });
  });

  it('name the stage a revision returns to, and no stage once the review has ended', () => {
    expect(
      planSearchAttributeUpdates({ status: 'REVISION', returnTo: 'SECRETARIAT_REVIEW', content: national }),
    ).toEqual([
      { key: PlanStatusKey, value: 'REVISION' },
      { key: PlanStageKey, value: 'SECRETARIAT_REVIEW' },
      { key: PlanKindKey, value: 'national_plan' },
      { key: PlanCountriesKey, value: ['PT'] },
    ]);
    expect(
      planSearchAttributeUpdates({ status: 'WITHDRAWN', returnTo: 'SECRETARIAT_REVIEW', content: regional }).slice(
        0,
        2,
      ),
    ).toEqual([
      { key: PlanStatusKey, value: 'WITHDRAWN' },
      { key: PlanStageKey, value: null },
    ]);
  });

  it('leave kind and countries alone while the review has not read its content', () => {
    expect(planSearchAttributeUpdates({ status: 'CANCELLED' })).toEqual([
      { key: PlanStatusKey, value: 'CANCELLED' },
      { key: PlanStageKey, value: null },
    ]);
  });
});
