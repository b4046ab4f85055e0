import { formatElapsed } from './format';

describe('formatElapsed', () => {
  it.each([
    [1234, '1.2s'],
    [59_900, '59.9s'],
    [150_000, '2m30s'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
