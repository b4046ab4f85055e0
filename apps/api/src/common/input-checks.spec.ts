import { MAX_ARRAY_ITEMS, MAX_JSON_DEPTH, jsonNestingExceeds, unsafeInputProblems } from './input-checks';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const fields = (input: unknown) => unsafeInputProblems(input).map((p) => p.field);

describe('jsonNestingExceeds', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('allows up to the limit and refuses one level more, for arrays and objects alike', () => {
    expect(jsonNestingExceeds(bytes(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestingExceeds(bytes(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestingExceeds(bytes('{"a":{"b":{"c":[1]}}}'), 3)).toBe(true);
    expect(jsonNestingExceeds(bytes('{"a":{"b":{"c":1}},"d":[[2]]}'), 3)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestingExceeds(bytes(JSON.stringify({ a: '[[[[{{{{', b: 'say \\"[[[["' })), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":"\\\\"}'), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes('{"a":"\\\\","b":[[]]}'), 2)).toBe(true);
  });

  it('scans a megabyte of nesting without recursion', () => {
    expect(jsonNestingExceeds(bytes(nested(500_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('unsafeInputProblems', () => {
  it('accepts ordinary input, non-BMP characters included', () => {
    expect(unsafeInputProblems({ title: 'Plan 😀 ü', list: ['a', 1, true, null], nested: { deep: ['x'] } })).toEqual(
      [],
    );
    expect(unsafeInputProblems(undefined)).toEqual([]);
  });

  it('names every string field with a NUL or an unpaired surrogate, as the ValidationPipe names fields', () => {
    const problems = unsafeInputProblems({
      comment: 'bad \u0000 text',
      fields: { media: { actions: [{ title: 'ok' }, { title: 'high \ud83d alone' }] } },
      partners: ['\udc00 low alone'],
    });
    expect(problems).toEqual([
      { field: 'comment', message: 'comment must not contain the NUL character (U+0000)' },
      {
        field: 'fields.media.actions.1.title',
        message: expect.stringMatching(/^fields.media.actions.1.title must not contain an unpaired UTF-16 surrogate/),
      },
      { field: 'partners.0', message: expect.stringMatching(/unpaired/) },
    ]);
  });

  it('refuses prototype keys and keys with NUL, without looking inside them', () => {
    const body = JSON.parse('{"__proto__":{"x":"\\u0000"},"a":{"constructor":1,"prototype":2},"k\\u0000":"v"}');
    expect(fields(body).sort()).toEqual(['__proto__', 'a.constructor', 'a.prototype', 'k\\u0000']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses nesting beyond the limit without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unsafeInputProblems({ a: deep })).toEqual([
      expect.objectContaining({ field: `a${'.0'.repeat(MAX_JSON_DEPTH - 1)}`, message: expect.stringMatching(/deep/) }),
    ]);
  });

  it('refuses arrays of more than MAX_ARRAY_ITEMS items, without looking inside them', () => {
    expect(unsafeInputProblems({ a: new Array(MAX_ARRAY_ITEMS).fill('x') })).toEqual([]);
    expect(unsafeInputProblems({ a: new Array(MAX_ARRAY_ITEMS + 1).fill('\u0000') })).toEqual([
      { field: 'a', message: `a must not contain more than ${MAX_ARRAY_ITEMS} items` },
    ]);
  });

  it('lists at most 20 problems', () => {
    const many = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`k${i}`, new Array(MAX_ARRAY_ITEMS).fill('\u0000')]),
    );
    expect(unsafeInputProblems(many)).toHaveLength(20);
  });
});
