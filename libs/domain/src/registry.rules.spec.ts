import { nearestValues, unheldBodies, unknownReferences, unknownScope, withoutUnknownScope } from './registry.rules';

const known = {
  countries: new Set(['PT', 'ES', 'AL', 'BA', 'HR']),
  bodies: new Map([['PT', new Set(['ministry-education', 'ministry-culture', 'youth-institute'])]]),
  organizations: new Set(['portuguese-youth-council', 'unesco']),
};

describe('the registry rules (DOMAIN §12)', () => {
  it('names up to three nearest known values, nearest first', () => {
    expect(nearestValues('ministry-educaton', known.bodies.get('PT')!)).toEqual([
      'ministry-education',
      'ministry-culture',
      'youth-institute',
    ]);
    expect(nearestValues('unesko', ['unesco', 'portuguese-youth-council'], 1)).toEqual(['unesco']);
    expect(nearestValues('x', [])).toEqual([]);
  });

  it('refuses an unknown country, body or partner, naming the field', () => {
    const problems = unknownReferences(
      {
        kind: 'national_plan',
        country: 'PX',
        consultees: { PT: ['ministry-education', 'ministry-educaton'] },
        partners: ['unesko'],
      },
      known,
    );
    expect(problems.map((p) => [p.field, p.nearest[0]])).toEqual([
      ['country', 'PT'],
      ['consultees.PT[1]', 'ministry-education'],
      ['partners[0]', 'unesco'],
    ]);
    expect(problems[1].message).toContain('nearest known: ministry-education');
  });

  it('accepts what the plan held already (a value since retired)', () => {
    const content = {
      kind: 'national_plan' as const,
      country: 'PT',
      consultees: { PT: ['old-body'] },
      partners: ['old-partner'],
    };
    expect(unknownReferences(content, known)).toHaveLength(2);
    expect(unknownReferences(content, known, content)).toEqual([]);
  });

  it('finds the bodies nobody holds', () => {
    const content = {
      kind: 'national_plan' as const,
      country: 'PT',
      consultees: { PT: ['ministry-education', 'youth-institute'] },
    };
    expect(unheldBodies(content, (b) => (b.body === 'ministry-education' ? 2 : 0))).toEqual([
      { country: 'PT', body: 'youth-institute' },
    ]);
  });

  it('drops a scope the registry does not know, keeping the roles', () => {
    const isKnown = { country: (c: string) => c === 'PT', body: () => false, seat: () => true, org: () => true };
    const parts = unknownScope({ country: 'PT', body: 'typo' }, isKnown);
    expect(parts).toEqual(['body']);
    expect(withoutUnknownScope({ sub: 'u', roles: ['consultee'], country: 'PT', body: 'typo' }, parts)).toEqual({
      sub: 'u',
      roles: ['consultee'],
    });
    expect(unknownScope({ country: 'PT' }, isKnown)).toEqual([]);
  });
});
