import { DomainError } from './domain-error';
import { assertStorableText, findUnstorableText, textProblem } from './text.rules';

describe('text rules', () => {
  it('accepts ordinary text, including characters outside the BMP', () => {
    expect(textProblem('Diálogo intercultural — 🇵🇹 𝄞')).toBeUndefined();
  });

  it.each([
    ['a NUL character', 'bad \u0000 text', /NUL/],
    ['a lone high surrogate', 'bad \uD83D text', /surrogate/],
    ['a lone low surrogate', 'bad \uDE00 text', /surrogate/],
    ['a reversed pair', '\uDE00\uD83D', /surrogate/],
  ])('refuses %s', (_name, text, message) => {
    expect(textProblem(text)).toMatch(message);
  });

  it('names the path of the first bad text, in nested objects and arrays and in keys', () => {
    expect(findUnstorableText({ fields: { youth: { actions: ['ok', 'x\u0000'] } } })).toEqual({
      path: 'fields.youth.actions[1]',
      message: expect.stringMatching(/NUL/),
    });
    expect(findUnstorableText({ 'ke\u0000y': 1 })?.path).toBe('"ke\\u0000y"');
    expect(findUnstorableText({ a: [1, null, true, { b: 'fine' }] })).toBeUndefined();
  });

  it('walks deep documents without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.message).toMatch(/NUL/);
  });

  it('throws a ValidationFailed error that names the field', () => {
    expect(() => assertStorableText({ comment: '\u0000' })).toThrow(DomainError);
    expect(() => assertStorableText({ comment: '\u0000' })).toThrow(/^comment: /);
  });
});
