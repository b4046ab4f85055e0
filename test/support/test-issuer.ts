import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';

interface IssuerKey {
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  publicJwk: JWK;
}

export interface SignOptions {
  kid?: string;
  /** Replaces the header wholly (kid and alg included). */
  header?: Record<string, unknown>;
  key?: KeyLike | Uint8Array;
}

/**
 * A tiny OpenID Connect issuer for tests: a real HTTP server with a discovery document and a
 * JWKS of RS256 and ES256 keys made with jose, and a signer of tokens with those keys. Keys can
 * be added and removed (rotation); `jwksFetches` counts the fetches of the JWKS.
 */
export class TestIssuer {
  readonly keys = new Map<string, IssuerKey>();
  jwksFetches = 0;
  /** While true, every request is answered 503. */
  down = false;
  private server: Server | undefined;
  private port = 0;

  constructor(readonly audience = 'aoc-plan-approval') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (this.down) {
        res.writeHead(503).end();
        return;
      }
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        // The endpoints of the code flow are named (the API's browser sign-in sends browsers to
        // them) but not served: these tests sign tokens themselves.
        res.end(
          JSON.stringify({
            issuer: this.url,
            jwks_uri: `${this.url}/jwks`,
            authorization_endpoint: `${this.url}/authorize`,
            token_endpoint: `${this.url}/token`,
          }),
        );
        return;
      }
      if (req.url === '/jwks') {
        this.jwksFetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [...this.keys.values()].map((k) => k.publicJwk) }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  async addKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    this.keys.set(kid, { alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
  }

  removeKey(kid: string): void {
    this.keys.delete(kid);
  }

  /** A token with sensible defaults (this issuer, the audience, an hour to live, Keycloak-style roles). */
  async sign(claims: Record<string, unknown> = {}, options: SignOptions = {}): Promise<string> {
    const kid = options.kid ?? [...this.keys.keys()][0];
    const key = this.keys.get(kid);
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: this.url,
      aud: this.audience,
      sub: 'user-1',
      iat: now,
      exp: now + 3600,
      realm_access: { roles: ['admin', 'offline_access'] },
      ...claims,
    };
    for (const [name, value] of Object.entries(payload))
      if (value === undefined) delete (payload as Record<string, unknown>)[name];
    const header = options.header ?? { alg: key?.alg ?? 'RS256', kid, typ: 'JWT' };
    return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(options.key ?? key!.privateKey);
  }
}
