import { decodeLoginState, encodeLoginState, loginCookieName, safeReturnTo } from './login-state';

const RANDOM = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('safeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/plans', '/plans'],
    ['/plans/1?tab=versions#events', '/plans/1?tab=versions#events'],
    ['/a/../b', '/b'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ])('keeps the path %s of this site', (given, kept) => {
    expect(safeReturnTo(given)).toBe(kept);
  });

  it.each([
    ['a scheme-relative URL', '//evil.example/x'],
    ['an absolute URL', 'https://evil.example/x'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a backslash, which browsers read as a slash', '/\\evil.example'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a relative path', 'plans'],
    ['an empty value', ''],
    ['a repeated parameter (an array)', ['/a', '/b']],
    ['nothing', undefined],
    ['a very long path', `/${'a'.repeat(3000)}`],
  ])('falls back to / for %s', (_what, given) => {
    expect(safeReturnTo(given)).toBe('/');
  });
});

describe('the login state cookie', () => {
  it('round-trips, and checks the return path again when read', () => {
    const state = { codeVerifier: RANDOM, nonce: RANDOM.split('').reverse().join(''), returnTo: '/plans' };
    expect(decodeLoginState(encodeLoginState(state))).toEqual(state);
    expect(decodeLoginState(encodeLoginState({ ...state, returnTo: '//evil.example' }))?.returnTo).toBe('/');
  });

  it.each([
    ['no cookie', undefined],
    ['not base64url JSON', '%%%'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a verifier that is not ours', Buffer.from(JSON.stringify(['short', RANDOM, '/'])).toString('base64url')],
  ])('reads %s as no sign-in', (_what, value) => {
    expect(decodeLoginState(value)).toBeUndefined();
  });

  it('is named after a state of ours, and nothing else', () => {
    expect(loginCookieName(RANDOM)).toBe(`aoc_login_${RANDOM}`);
    expect(loginCookieName('')).toBeUndefined();
    expect(loginCookieName('a;b=c')).toBeUndefined();
  });
});
