import { canonicalJson, diffContent } from './plan-diff';
import { PlanContent } from './plan.types';

const action = {
  title: 'Teacher exchange',
  lead: 'Ministry of Education',
  partners: [],
  timeline: '2027',
  indicators: [],
};

const content = (): PlanContent => ({
  kind: 'national_plan',
  title: 'National Plan',
  summary: 'Summary',
  country: 'PT',
  partners: ['NGO A'],
  consultees: { PT: ['ministry-education'] },
  fields: {
    education: { objectives: ['curricula'], actions: [action] },
    media: { objectives: ['media literacy'], actions: [] },
    youth: { objectives: ['exchanges'], actions: [] },
    migration: { objectives: ['integration'], actions: [] },
  },
  priorityTopics: ['minorities'],
});

describe('diffContent', () => {
  it('finds no change between equal versions', () => {
    expect(diffContent(content(), content())).toEqual([]);
  });

  it.each<[string, (c: PlanContent) => void, string, unknown, unknown]>([
    ['the title', (c) => (c.title = 'New title'), 'title', 'National Plan', 'New title'],
    ['the owner country', (c) => (c.country = 'ES'), 'country', 'PT', 'ES'],
    [
      'one field objectives',
      (c) => c.fields.media.objectives.push('fact checking'),
      'fields.media.objectives',
      ['media literacy'],
      ['media literacy', 'fact checking'],
    ],
    ['the bodies of a country', (c) => (c.consultees.PT = ['b']), 'consultees.PT', ['ministry-education'], ['b']],
    ['priority topics', (c) => (c.priorityTopics = []), 'priorityTopics', ['minorities'], []],
    ['an added key', (c) => (c.consultees.ES = ['x']), 'consultees.ES', undefined, ['x']],
    ['a removed key', (c) => delete c.country, 'country', 'PT', undefined],
  ])('reports a change of %s at its path, with before and after', (_label, change, path, before, after) => {
    const next = content();
    change(next);
    expect(diffContent(content(), next)).toEqual([{ path, before, after }]);
  });

  it('lists every changed field, in sorted path order', () => {
    const next = content();
    next.title = 'T2';
    next.summary = 'S2';
    next.fields.youth.objectives = ['other'];
    next.fields.education.actions = [{ ...action, timeline: '2028' }];
    expect(diffContent(content(), next).map((c) => c.path)).toEqual([
      'fields.education.actions',
      'fields.youth.objectives',
      'summary',
      'title',
    ]);
  });

  it('compares lists as whole values: reordering is a change', () => {
    const before = content();
    before.partners = ['A', 'B'];
    const after = content();
    after.partners = ['B', 'A'];
    expect(diffContent(before, after)).toEqual([{ path: 'partners', before: ['A', 'B'], after: ['B', 'A'] }]);
  });

  it('ignores the key order of objects, also inside lists', () => {
    const reordered = JSON.parse(
      JSON.stringify({
        priorityTopics: ['minorities'],
        fields: {
          migration: { actions: [], objectives: ['integration'] },
          youth: { actions: [], objectives: ['exchanges'] },
          media: { actions: [], objectives: ['media literacy'] },
          education: {
            actions: [
              {
                indicators: [],
                timeline: '2027',
                partners: [],
                lead: 'Ministry of Education',
                title: 'Teacher exchange',
              },
            ],
            objectives: ['curricula'],
          },
        },
        consultees: { PT: ['ministry-education'] },
        partners: ['NGO A'],
        country: 'PT',
        summary: 'Summary',
        title: 'National Plan',
        kind: 'national_plan',
      }),
    ) as PlanContent;
    expect(diffContent(content(), reordered)).toEqual([]);
  });

  it('treats an undefined key like a missing one', () => {
    const next = { ...content(), countries: undefined };
    expect(diffContent(content(), next)).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":2,"q":1}]},"b":1}');
  });

  it('is valid JSON that parses back to the same value', () => {
    const value = content();
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('keeps list order, which is meaningful', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('omits undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('distinguishes different values', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it.each([
    ['a string with quotes', 'say "hi"', '"say \\"hi\\""'],
    ['a number', 1.5, '1.5'],
    ['null', null, 'null'],
    ['a boolean', true, 'true'],
    ['an empty object', {}, '{}'],
    ['an empty list', [], '[]'],
  ])('encodes %s like JSON', (_label, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
