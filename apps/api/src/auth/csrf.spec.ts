import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { assertSameOrigin } from './csrf';

const ALLOWED = ['https://plans.example.org', 'http://localhost:5173'];

const refusal = (method: string, headers: Record<string, string>): string | undefined => {
  try {
    assertSameOrigin({ method, headers }, ALLOWED);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
};

describe('assertSameOrigin (the CSRF check of session requests)', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'get'])('lets a %s through from anywhere', (method) => {
    expect(refusal(method, { origin: 'https://evil.example' })).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('lets a %s from an allowed origin through', (method) => {
    expect(refusal(method, { origin: 'https://plans.example.org' })).toBeUndefined();
    expect(refusal(method, { origin: 'http://localhost:5173' })).toBeUndefined();
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['a look-alike with a path', { origin: 'https://plans.example.org.evil.example' }],
    ['another port', { origin: 'https://plans.example.org:8443' }],
    ['another scheme', { origin: 'http://plans.example.org' }],
    ['an opaque origin', { origin: 'null' }],
    ['no Origin, cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin, same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    // An allowed Origin is not looked for in Sec-Fetch-Site: the Origin, when sent, decides.
    [
      'a bad Origin with Sec-Fetch-Site same-origin',
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    ],
  ])('refuses a POST from %s with CSRF_REJECTED', (_what, headers) => {
    expect(refusal('POST', headers)).toMatch(new RegExp(`^${ErrorCode.CsrfRejected}: .*nothing was changed`));
  });

  it('accepts a POST without Origin that a browser marks same-origin', () => {
    expect(refusal('POST', { 'sec-fetch-site': 'same-origin' })).toBeUndefined();
  });

  it('names the refused origin and the allowed ones', () => {
    expect(refusal('DELETE', { origin: 'https://evil.example' })).toContain(
      'from origin https://evil.example may not use the session cookie: only https://plans.example.org, http://localhost:5173 may',
    );
  });
});
