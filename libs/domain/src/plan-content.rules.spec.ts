import { draftProblems, submissionProblems } from './plan-content.rules';
import { FIELDS_OF_ACTION, FieldOfAction, FieldSection, PlanContent } from './plan.types';

const section = (objectives = ['an objective']): FieldSection => ({ objectives, actions: [] });
const allFields = () =>
  Object.fromEntries(FIELDS_OF_ACTION.map((f) => [f, section()])) as Record<FieldOfAction, FieldSection>;

const nationalPlan = (overrides: Partial<PlanContent> = {}): PlanContent => ({
  kind: 'national_plan',
  title: 'National Plan for Intercultural Dialogue',
  summary: 'A summary',
  country: 'PT',
  partners: [],
  consultees: { PT: ['ministry-education'] },
  fields: allFields(),
  priorityTopics: [],
  ...overrides,
});

const regionalStrategy = (overrides: Partial<PlanContent> = {}): PlanContent => ({
  kind: 'regional_strategy',
  title: 'South-Eastern Europe Strategy',
  summary: 'A summary',
  countries: ['AL', 'BA'],
  partners: ['UNESCO'],
  consultees: { AL: ['ministry-culture'], BA: ['ministry-civil-affairs'] },
  fields: allFields(),
  priorityTopics: ['minorities'],
  ...overrides,
});

const fieldsOf = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('submissionProblems', () => {
  it.each([
    ['a complete national plan', nationalPlan()],
    ['a complete regional strategy', regionalStrategy()],
  ])('finds nothing wrong with %s', (_label, content) => {
    expect(submissionProblems(content)).toEqual([]);
  });

  it.each<[string, PlanContent, string[]]>([
    ['blank title', nationalPlan({ title: '   ' }), ['title']],
    ['blank summary', nationalPlan({ summary: '' }), ['summary']],
    ['national plan without country', nationalPlan({ country: undefined, consultees: {} }), ['country']],
    ['national plan with no consultee body', nationalPlan({ consultees: { PT: [] } }), ['consultees.PT']],
    ['national plan with consultees of no entry', nationalPlan({ consultees: {} }), ['consultees.PT']],
    ['regional strategy without countries', regionalStrategy({ countries: undefined, consultees: {} }), ['countries']],
    [
      'regional strategy with one country',
      regionalStrategy({ countries: ['AL'], consultees: { AL: ['x'] } }),
      ['countries'],
    ],
    [
      'regional strategy with one country twice',
      regionalStrategy({ countries: ['AL', 'AL'], consultees: { AL: ['x'] } }),
      ['countries'],
    ],
    [
      'regional strategy missing one country consultees',
      regionalStrategy({ consultees: { AL: ['x'] } }),
      ['consultees.BA'],
    ],
    [
      'a field with only blank objectives',
      nationalPlan({ fields: { ...allFields(), media: section(['  ', '']) } }),
      ['fields.media.objectives'],
    ],
    [
      'a field with no objectives',
      nationalPlan({ fields: { ...allFields(), youth: section([]) } }),
      ['fields.youth.objectives'],
    ],
  ])('reports %s', (_label, content, expected) => {
    expect(fieldsOf(submissionProblems(content))).toEqual(expected);
  });

  it('reports one problem per offending field, each with a message', () => {
    const content = nationalPlan({
      title: '',
      summary: ' ',
      consultees: { PT: [] },
      fields: { education: section([]), media: section([]), youth: section(['ok']), migration: section(['']) },
    });
    const problems = submissionProblems(content);
    expect(fieldsOf(problems)).toEqual([
      'title',
      'summary',
      'consultees.PT',
      'fields.education.objectives',
      'fields.media.objectives',
      'fields.migration.objectives',
    ]);
    for (const p of problems) expect(p.message).toEqual(expect.any(String));
    expect(problems.find((p) => p.field === 'consultees.PT')!.message).toContain('PT');
  });

  it('does not apply the regional rules to a national plan, nor the national ones to a strategy', () => {
    expect(fieldsOf(submissionProblems(nationalPlan({ countries: undefined })))).not.toContain('countries');
    expect(fieldsOf(submissionProblems(regionalStrategy({ country: undefined })))).not.toContain('country');
  });

  it('requires consultees for every participating country of a strategy', () => {
    const content = regionalStrategy({ countries: ['AL', 'BA', 'HR'], consultees: {} });
    expect(fieldsOf(submissionProblems(content))).toEqual(['consultees.AL', 'consultees.BA', 'consultees.HR']);
  });
});

describe('draftProblems', () => {
  it.each([
    ['a consistent national plan', nationalPlan()],
    ['a consistent regional strategy', regionalStrategy()],
    ['an incomplete draft (not yet submittable)', nationalPlan({ title: '', consultees: {}, country: undefined })],
    ['a national plan with an empty countries list', nationalPlan({ countries: [] })],
  ])('accepts %s', (_label, content) => {
    expect(draftProblems(content)).toEqual([]);
  });

  it.each<[string, PlanContent, string[]]>([
    ['national plan with countries', nationalPlan({ countries: ['PT', 'ES'] }), ['countries']],
    ['regional strategy with one country', regionalStrategy({ country: 'AL' }), ['country']],
    ['consultees of a foreign country', nationalPlan({ consultees: { PT: ['a'], ES: ['b'] } }), ['consultees.ES']],
    ['consultees but no country yet', nationalPlan({ country: undefined }), ['consultees.PT']],
    [
      'strategy consultees outside its countries',
      regionalStrategy({ consultees: { AL: ['a'], BA: ['b'], HR: ['c'] } }),
      ['consultees.HR'],
    ],
    ['a country listed twice', regionalStrategy({ countries: ['AL', 'BA', 'AL'] }), ['countries']],
    ['a body listed twice', nationalPlan({ consultees: { PT: ['a', 'b', 'a'] } }), ['consultees.PT']],
  ])('reports %s', (_label, content, expected) => {
    expect(fieldsOf(draftProblems(content))).toEqual(expected);
  });
});
