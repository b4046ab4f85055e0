/**
 * The development identity provider: a real OpenID Connect provider (the certified
 * `oidc-provider` package) that knows the demo users (libs/demo/src/demo-users.ts). Its sign-in
 * page lists them, and you pick one: no password. FOR DEVELOPMENT ONLY: it refuses to start
 * when NODE_ENV=production.
 *
 * It serves discovery, the JWKS, and the authorization code flow with PKCE for two public
 * clients: `aoc-web` (the API's browser sign-in, redirect URI PUBLIC_URL/auth/callback) and
 * `aoc-cli` (`npm run token`). Access tokens for the
 * API are RS256 JWTs with `aud` = OIDC_AUDIENCE and the demo user's roles in
 * `realm_access.roles` (as Keycloak puts them) and scope in `country`, `body`, `seat`, `org`.
 *
 * `oidc-provider` is an ES module; this CommonJS file loads it with require(), which Node
 * 20.19+, 22.12+ and 24 can do. It runs in a process of its own (npm start, the e2e tests),
 * never inside Jest, whose CommonJS loader cannot load ES modules.
 *
 * Its signing keys are kept in .data/identity/jwks.json, so that tokens outlive a restart.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEV_WEB_ORIGINS, loadConfig } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { dataDir } from '../support/project-paths';
import {
  API_RESOURCE,
  CLI_CLIENT_ID,
  CLI_REDIRECT_URI,
  DEV_PROVIDER_MARKER,
  WEB_CLIENT_ID,
  devIssuerUrl,
  devProviderPort,
} from './dev-provider-config';

const USERS: Record<string, Actor> = DEMO_USERS;
const ACCESS_TOKEN_TTL_SECONDS = 12 * 3600;

const log = (message: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', context: 'identity', message, ...fields })}\n`,
  );

/** The signing keys (RS256 and ES256), from .data/identity/jwks.json or new. */
async function signingKeys(): Promise<JWK[]> {
  const file = path.join(process.env.DEV_IDP_DATA_DIR ?? path.join(dataDir(), 'identity'), 'jwks.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] }).keys;
  const keys: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `dev-${alg.toLowerCase()}-${Date.now()}` });
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ keys }, null, 2));
  chmodSync(file, 0o600);
  return keys;
}

/** The claims of a demo user: Keycloak's shape for roles, the scope as top-level claims. */
function claimsOf(sub: string): Record<string, unknown> {
  const user = USERS[sub];
  return {
    sub,
    name: sub,
    email: `${sub}@example.org`,
    realm_access: { roles: user.roles },
    country: user.country,
    body: user.body,
    seat: user.seat,
    org: user.org,
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function signInPage(uid: string, client: string): string {
  const rows = Object.entries(USERS)
    .map(([sub, actor]) => {
      const scope = (['country', 'body', 'seat', 'org'] as const)
        .filter((k) => actor[k])
        .map((k) => `${k} ${actor[k]}`)
        .join(', ');
      return `<li><button type="submit" name="user" value="${escapeHtml(sub)}">${escapeHtml(sub)}</button>
        <span>${escapeHtml(actor.roles.join(', '))}${scope ? ` — ${escapeHtml(scope)}` : ''}</span></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in (development only)</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}
.warning{background:#fff3cd;border:1px solid #e0b400;padding:.75rem 1rem;border-radius:4px}
ul{list-style:none;padding:0}li{margin:.4rem 0}button{min-width:14rem;text-align:left;padding:.3rem .6rem;cursor:pointer}
span{color:#555;margin-left:.6rem}</style></head>
<body><h1>Sign in to aoc-plan-approval</h1>
<p class="warning"><strong>Development only.</strong> This is the development identity provider of
<code>npm start</code>: anyone can sign in as anyone, with no password. In production the API trusts
your organisation's OpenID Connect provider instead (OIDC_ISSUER_URL).</p>
<p>Client <code>${escapeHtml(client)}</code> asks you to sign in. Pick a demo user:</p>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login"><ul>
${rows}
</ul></form></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.nodeEnv === 'production') {
    throw new Error('the development identity provider does not run with NODE_ENV=production');
  }
  const port = devProviderPort();
  const issuer = devIssuerUrl(port);
  const audience = process.env.OIDC_AUDIENCE?.trim() || 'aoc-plan-approval';
  // The API's browser sign-in (PUBLIC_URL/auth/callback), and the web app's dev server, which
  // proxies /auth to the API (PUBLIC_URL is then that server's origin).
  const webOrigins = [...new Set([config.auth.browser.publicUrl, ...DEV_WEB_ORIGINS])];
  const webRedirects = (
    process.env.DEV_IDP_WEB_REDIRECT_URIS?.trim() || webOrigins.map((origin) => `${origin}/auth/callback`).join(',')
  )
    .split(',')
    .map((uri) => uri.trim());

  const configuration: Configuration = {
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: webRedirects,
        post_logout_redirect_uris: webOrigins.map((origin) => `${origin}/`),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      {
        client_id: CLI_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [CLI_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: (await signingKeys()) as Configuration['jwks'] extends { keys: infer K } ? K : never },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'offline_access', 'api'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'realm_access', 'country', 'body', 'seat', 'org'],
      email: ['email'],
    },
    findAccount: (_ctx, sub) =>
      USERS[sub] ? { accountId: sub, claims: () => claimsOf(sub) as { sub: string } } : undefined,
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'api',
            audience,
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The demo users' roles and scope in the API's access tokens.
    extraTokenClaims: (_ctx, token) => {
      const sub = (token as { accountId?: string }).accountId;
      if (!sub || !USERS[sub]) return undefined;
      const { realm_access, country, body, seat, org, name, email } = claimsOf(sub);
      return { realm_access, country, body, seat, org, name, email };
    },
    // First-party clients: no consent screen; the grant covers what they ask.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addOIDCClaims(['name', 'email', 'realm_access', 'country', 'body', 'seat', 'org']);
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    discovery: { [DEV_PROVIDER_MARKER]: true },
    cookies: { keys: [`dev-only-${Date.now()}`] },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      Session: 12 * 3600,
      Interaction: 3600,
      Grant: 12 * 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><pre>${escapeHtml(
        JSON.stringify(out, null, 2),
      )}</pre>`;
    },
  };
  const provider = new Provider(issuer, configuration);

  // The sign-in page: the list of demo users, and their choice.
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== match[1]) ctx.throw(400, 'this sign-in is not the one in progress');
    if (ctx.method === 'GET' && !match[2]) {
      ctx.type = 'html';
      ctx.set('cache-control', 'no-store');
      ctx.body = signInPage(details.uid, String(details.params.client_id));
      return;
    }
    if (ctx.method === 'POST' && match[2]) {
      const user = (await formBody(ctx.req)).get('user') ?? '';
      if (!USERS[user]) ctx.throw(400, `no demo user "${user}"`);
      log('signed in', { user, client: details.params.client_id });
      const resume = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { login: { accountId: user } },
        { mergeWithLastSubmission: false },
      );
      ctx.status = 303;
      ctx.redirect(resume);
      return;
    }
    ctx.throw(405);
  });

  const host = process.env.DEV_IDP_HOST?.trim() || '127.0.0.1';
  const server = provider.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  log('development identity provider listening', { issuer, users: Object.keys(USERS).length });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  const message =
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `port in use: ${(error as Error).message}; set DEV_IDP_PORT to a free port`
      : (error as Error).message;
  process.stdout.write(`${JSON.stringify({ level: 'fatal', context: 'identity', message })}\n`);
  process.exit(1);
});
