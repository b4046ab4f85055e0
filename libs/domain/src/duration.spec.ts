import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['14 days', 14 * 86_400_000],
    ['30s', 30_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['1 week', 604_800_000],
    ['2 weeks', 1_209_600_000],
    ['5 min', 300_000],
    ['10m', 600_000],
    ['1 day', 86_400_000],
    ['  3 Hours  ', 3 * 3_600_000],
    ['2SEC', 2_000],
    ['0.25s', 250],
    ['0.0015s', 2],
  ])('parses %p as %p ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    [''],
    ['   '],
    ['days'],
    ['14'],
    ['-5s'],
    ['0s'],
    ['0 days'],
    ['0.0001ms'],
    ['1.s'],
    ['.5h'],
    ['1e3s'],
    ['5 fortnights'],
    ['5 y'],
    ['1h30m'],
    ['1,5h'],
    ['ten days'],
  ])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
