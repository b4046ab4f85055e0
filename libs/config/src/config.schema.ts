import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseDuration } from '@aoc/domain/duration';
import type { ReviewSettings } from '@aoc/domain/review/plan-review.state';

/**
 * The one configuration schema of the system. Every process (API, worker, the
 * `npm start` orchestrator, the tests) reads its settings through `loadConfig`,
 * which refuses bad values with a message naming the variable and the reason.
 */
export const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production';

/** `npm start`'s embedded PostgreSQL: its superuser owns the tables and runs the migrations… */
export const EMBEDDED_OWNER_URL = 'postgres://postgres:postgres@127.0.0.1:54329/aoc_plans';
/** …and the API and the worker run as a role that owns nothing (created by the migrations' provisioning step). */
export const EMBEDDED_RUNTIME_URL = 'postgres://aoc_app:aoc_app@127.0.0.1:54329/aoc_plans';

/**
 * The migrations' URL: DATABASE_MIGRATION_URL; unset, DATABASE_URL when it is set to anything but
 * its default (the one role then owns the tables and runs the services: the append-only log rests
 * on its triggers alone), else the embedded PostgreSQL's superuser.
 */
function migrationDatabaseUrl(r: Reader): string {
  if (r.raw('DATABASE_MIGRATION_URL') !== '') return r.url('DATABASE_MIGRATION_URL', ['postgres:', 'postgresql:']);
  const services = r.raw('DATABASE_URL');
  return services === EMBEDDED_RUNTIME_URL ? EMBEDDED_OWNER_URL : services;
}

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  /** The interface the API listens on. */
  host: string;
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** What the API and the worker connect as: a role that owns nothing (docs/operations.md, "Database roles"). */
  databaseUrl: string;
  /** What the migrations connect as: the owner of the tables (DATABASE_MIGRATION_URL; unset, see migrationDatabaseUrl). */
  databaseMigrationUrl: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** The deadline of every call the API makes to Temporal. */
    callTimeoutMs: number;
    /** The Temporal Web UI's base URL, for each plan's link to its workflow (no trailing slash). */
    uiUrl: string;
    /** How many workflows a worker keeps in its cache (sticky execution); size the heap to match. */
    maxCachedWorkflows: number;
  };
  /** Monitoring (docs/monitoring.md). */
  metrics: {
    /** The worker's Prometheus endpoint (the Temporal SDK's metrics) on this port; 0: none. */
    workerPort: number;
    /** When set, GET /metrics of the API wants `Authorization: Bearer <token>`; unset: open. */
    token?: string;
  };
  auth: {
    /** HS256 secret: development and tests only (HS256 tokens are refused in production). */
    jwtSecret: string;
    /** The OpenID Connect provider whose RS256/ES256 tokens are accepted; undefined: none. */
    oidc?: OidcSettings;
    /** Sign-in of browsers (backend for frontend): the OIDC client, the sessions, the CSRF origins. */
    browser: BrowserSettings;
  };
  /**
   * Requests a minute from one client (a signed-in user, else an address): in all, and those that
   * fail authentication (by address).
   */
  rateLimits: { perMinute: number; authFailuresPerMinute: number };
  /**
   * Which proxies in front of the API are trusted to say the client's address (X-Forwarded-For):
   * none (false), the nearest N hops, or the addresses and CIDRs listed (Express's `trust proxy`).
   */
  trustProxy: false | number | string[];
  /** The review's settings: each stage's duration and the revision rounds before an escalation. */
  review: ReviewSettings;
  notifications: NotificationSettings;
  /** The live event stream (GET /api/events/stream). */
  eventStream: { heartbeatMs: number };
  /** Adoption records (DOMAIN §10; docs/publication.md). */
  records: RecordSettings;
}

/** How the worker signs adoption records. */
export interface RecordSettings {
  /** The Ed25519 signing key, PEM (PKCS#8) or JWK, given inline (RECORD_SIGNING_KEY). */
  signingKey?: string;
  /** Else the file it is read from; outside production the worker creates it on its first start. */
  signingKeyFile: string;
  /** Where the public verification page is: records link to `<publicUrl>/public/records/<id>`. */
  publicUrl: string;
}

/** E-mail, webhooks and their retries (DOMAIN §8; docs/notifications.md). */
export interface NotificationSettings {
  /** Where people reach the service: links in e-mails are `<publicUrl>/tasks/<id>`, `/plans/<id>`. */
  publicUrl: string;
  /** The SMTP server e-mails go through (`smtp://` or `smtps://`, with credentials if any). */
  smtpUrl: string;
  mailFrom: string;
  /** Each delivery's retries: attempts in all, the first wait, the longest wait (doubling in between). */
  retry: { maximumAttempts: number; initialIntervalMs: number; maximumIntervalMs: number };
  /** Whether webhooks may point at loopback, private, link-local or other internal addresses: never (refuse), this machine's loopback only, or all. */
  webhookPrivateAddresses: 'allow' | 'loopback' | 'refuse';
  /** How long a webhook receiver has to answer one delivery. */
  webhookTimeoutMs: number;
  /** How long one attempt may run before another worker's notification consumer takes the delivery over. */
  attemptTimeoutMs: number;
}

/** Where in a token's claims each part of the actor is read: dotted paths, e.g. `realm_access.roles`. */
export interface ClaimPaths {
  roles: string;
  country: string;
  body: string;
  seat: string;
  org: string;
  name: string;
  email: string;
}

export interface OidcSettings {
  /** The issuer URL, exactly as the tokens' `iss` and the discovery document's `issuer` say it. */
  issuerUrl: string;
  /** The `aud` the API's tokens must carry. */
  audience: string;
  /** Leeway for `exp` and `nbf` (clocks drift), in seconds. */
  clockToleranceSeconds: number;
  /** The least time between two fetches of the JWKS for an unknown `kid`. */
  jwksCooldownMs: number;
  /** How long fetched keys are used before the JWKS is fetched again. */
  jwksMaxAgeMs: number;
  claims: ClaimPaths;
}

/** The browser sign-in (docs/identity.md): the API as an OIDC client that keeps server-side sessions. */
export interface BrowserSettings {
  /** The origin browsers reach the API at, without a trailing slash: the redirect URI is `${publicUrl}/auth/callback`. */
  publicUrl: string;
  /**
   * The origins whose state-changing requests a session cookie may authenticate (the CSRF check):
   * publicUrl's own first, then ALLOWED_ORIGINS (outside production, by default, Vite's dev server).
   */
  allowedOrigins: string[];
  /** How long a session lives after sign-in. */
  sessionTtlMs: number;
  /** The API's client at the OIDC provider (a public client unless clientSecret is set). */
  clientId: string;
  clientSecret?: string;
  /** The scope asked for at sign-in; always includes `openid`. */
  scope: string;
}

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

/** Documented in the README; `loadConfig` applies exactly these defaults. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  { name: 'NODE_ENV', default: 'development', description: 'development, test or production' },
  {
    name: 'HOST',
    default: '127.0.0.1',
    description: 'interface the API listens on; the default is 0.0.0.0 when NODE_ENV=production',
  },
  { name: 'PORT', default: '3000', description: 'HTTP port of the API' },
  { name: 'LOG_LEVEL', default: 'info', description: 'debug, info, warn or error' },
  {
    name: 'DATABASE_URL',
    default: EMBEDDED_RUNTIME_URL,
    description:
      "the API's and the worker's PostgreSQL URL, as a role that owns nothing; unset, `npm start` runs embedded PostgreSQL there",
  },
  {
    name: 'DATABASE_MIGRATION_URL',
    default: '',
    description:
      "the migrations' PostgreSQL URL, as the owner of the tables, which grants DATABASE_URL's role its privileges; unset: DATABASE_URL if set (one role does both), else the embedded superuser",
  },
  {
    name: 'TEMPORAL_ADDRESS',
    default: '127.0.0.1:7233',
    description: 'Temporal frontend; unset, `npm start` runs the Temporal dev server there',
  },
  { name: 'TEMPORAL_NAMESPACE', default: 'default', description: 'Temporal namespace' },
  { name: 'TEMPORAL_TASK_QUEUE', default: 'plan-review', description: 'task queue of the worker' },
  {
    name: 'TEMPORAL_CALL_TIMEOUT',
    default: '5s',
    description: 'deadline of each call the API makes to Temporal; past it the API answers 503 with Retry-After',
  },
  {
    name: 'WORKER_MAX_CACHED_WORKFLOWS',
    default: '1500',
    description:
      'workflows a worker keeps cached (maxCachedWorkflows): the reviews with recent activity; about 0.4 MiB resident each (24 KiB of it JS heap), so give the worker 300 MiB + 0.4 MiB each (docs/workflow-versions.md, worker sizing)',
  },
  {
    name: 'TEMPORAL_UI_URL',
    default: 'http://127.0.0.1:8233',
    description:
      "the Temporal Web UI, for each plan's link to its workflow (`temporalUiUrl`); the default is the dev server's",
  },
  {
    name: 'WORKER_METRICS_PORT',
    default: '0',
    description:
      "port of the worker's Prometheus endpoint (the Temporal SDK's metrics); 0 or empty: none; `npm start` sets 9464",
  },
  {
    name: 'METRICS_TOKEN',
    default: '',
    description: 'when set, GET /metrics of the API answers only with `Authorization: Bearer <METRICS_TOKEN>`',
  },
  {
    name: 'AUTH_JWT_SECRET',
    default: DEV_JWT_SECRET,
    description:
      'HS256 secret for development and test bearer tokens; unused in production, where HS256 tokens are refused; the API refuses the default unless NODE_ENV is development or test',
  },
  {
    name: 'OIDC_ISSUER_URL',
    default: '',
    description:
      'OpenID Connect issuer whose RS256/ES256 tokens the API accepts (keys from its discovery document and JWKS); required in production. Unset, `npm start` runs the development identity provider and sets it',
  },
  {
    name: 'OIDC_ALLOW_HTTP_ISSUER',
    default: 'false',
    description:
      'true lets a production API use an http:// OIDC_ISSUER_URL that is not on loopback: only for a private network without TLS, such as the compose deployment',
  },
  { name: 'OIDC_AUDIENCE', default: 'aoc-plan-approval', description: 'the `aud` every OIDC token must carry' },
  { name: 'OIDC_CLOCK_TOLERANCE', default: '30s', description: 'leeway for `exp` and `nbf` of OIDC tokens' },
  {
    name: 'OIDC_JWKS_COOLDOWN',
    default: '30s',
    description: 'least time between two fetches of the JWKS for a token with an unknown key id',
  },
  {
    name: 'OIDC_JWKS_MAX_AGE',
    default: '10m',
    description: 'how long the JWKS keys are used before being fetched again (a removed key stops working then)',
  },
  {
    name: 'OIDC_ROLES_CLAIM',
    default: 'realm_access.roles',
    description: 'dotted path of the roles claim (Keycloak: realm_access.roles; Entra ID: roles)',
  },
  { name: 'OIDC_COUNTRY_CLAIM', default: 'country', description: 'dotted path of the country claim (ISO alpha-2)' },
  { name: 'OIDC_BODY_CLAIM', default: 'body', description: 'dotted path of the consultee body claim' },
  { name: 'OIDC_SEAT_CLAIM', default: 'seat', description: 'dotted path of the Group of Friends seat claim' },
  { name: 'OIDC_ORG_CLAIM', default: 'org', description: 'dotted path of the civil society organization claim' },
  { name: 'OIDC_NAME_CLAIM', default: 'name', description: 'dotted path of the display name (users directory)' },
  { name: 'OIDC_EMAIL_CLAIM', default: 'email', description: 'dotted path of the e-mail address (users directory)' },
  {
    name: 'PUBLIC_URL',
    default: '',
    description:
      'the origin browsers reach the API at (scheme://host[:port], no path); the sign-in redirect URI is PUBLIC_URL/auth/callback, the session cookie belongs to it, and e-mails link to it. Unset: http://127.0.0.1:PORT',
  },
  {
    name: 'ALLOWED_ORIGINS',
    default: '',
    description:
      'comma-separated origins, besides PUBLIC_URL, whose POST/PUT/PATCH/DELETE requests a session cookie may authenticate (the CSRF check). Unset: outside production, the web dev server (http://localhost:5173, http://127.0.0.1:5173); in production, none',
  },
  {
    name: 'SESSION_TTL',
    default: '8h',
    description: 'how long a browser session lives after sign-in (from 1 minute to 30 days)',
  },
  {
    name: 'OIDC_CLIENT_ID',
    default: 'aoc-web',
    description:
      "the API's client at the OIDC provider, for browser sign-in (the development provider's public client aoc-web)",
  },
  {
    name: 'OIDC_CLIENT_SECRET',
    default: '',
    description: 'its secret, for a confidential client (Keycloak, Entra ID); unset: a public client with PKCE alone',
  },
  {
    name: 'OIDC_SCOPE',
    default: 'openid profile email',
    description:
      'the scope asked for at browser sign-in; must include openid (Entra ID: add the API scope, e.g. api://<client-id>/access)',
  },
  {
    name: 'RATE_LIMIT_PER_MINUTE',
    default: '1200',
    description:
      'requests a minute from one client before the API answers 429: a signed-in user, whatever its address; an anonymous client by its address (TRUST_PROXY)',
  },
  {
    name: 'AUTH_FAILURE_LIMIT_PER_MINUTE',
    default: '30',
    description: 'requests failing authentication a minute from one address before the API answers 429',
  },
  {
    name: 'TRUST_PROXY',
    default: '',
    description:
      "the proxies trusted to give the client's address (X-Forwarded-For): unset, none; a hop count (1: the one proxy or ingress in front); or addresses and CIDRs, comma-separated (loopback, uniquelocal, 10.0.0.0/8)",
  },
  { name: 'NATIONAL_CONSULTATION_DURATION', default: '14 days', description: 'stage 1 duration' },
  { name: 'COMMENT_WINDOW_DURATION', default: '30 days', description: 'stage 2 comment window' },
  { name: 'SECRETARIAT_REVIEW_DURATION', default: '21 days', description: 'stage 3 duration' },
  { name: 'ENDORSEMENT_DURATION', default: '10 days', description: 'stage 4 silence procedure' },
  { name: 'MAX_REVISION_ROUNDS', default: '3', description: 'secretariat revision rounds before escalation' },
  {
    name: 'SMTP_URL',
    default: 'smtp://127.0.0.1:1025',
    description: 'SMTP server for e-mail notifications; unset, `npm start` runs a local mail catcher there',
  },
  { name: 'MAIL_FROM', default: 'AoC plan approval <no-reply@aoc.invalid>', description: 'sender of e-mails' },
  {
    name: 'NOTIFICATION_RETRY_ATTEMPTS',
    default: '10',
    description: 'attempts of each e-mail or webhook delivery before it is given up and listed as failed',
  },
  {
    name: 'NOTIFICATION_RETRY_INITIAL_INTERVAL',
    default: '30s',
    description: 'the wait before the second attempt; it doubles after each attempt',
  },
  {
    name: 'NOTIFICATION_RETRY_MAX_INTERVAL',
    default: '1h',
    description: 'the longest wait between two attempts',
  },
  {
    name: 'WEBHOOK_PRIVATE_ADDRESSES',
    default: 'refuse',
    description:
      'refuse (everywhere by default), loopback (only this machine, for a local receiver; npm start sets it) or allow webhooks on loopback, private, link-local and other internal addresses',
  },
  { name: 'WEBHOOK_TIMEOUT', default: '10s', description: 'how long a webhook receiver has to answer' },
  {
    name: 'NOTIFICATION_ATTEMPT_TIMEOUT',
    default: '2m',
    description:
      'how long one attempt of a delivery may run before another worker takes the delivery over (its worker is presumed dead)',
  },
  {
    name: 'RECORD_SIGNING_KEY',
    default: '',
    description:
      'the Ed25519 key that signs adoption records, as a PEM (PKCS#8) or a JWK; unset: read from RECORD_SIGNING_KEY_FILE (docs/publication.md)',
  },
  {
    name: 'RECORD_SIGNING_KEY_FILE',
    default: '.data/record-signing-key.pem',
    description:
      'the file the record signing key is read from when RECORD_SIGNING_KEY is unset; outside production the worker generates it on its first start',
  },
  {
    name: 'EVENT_STREAM_HEARTBEAT',
    default: '15s',
    description: 'interval of the comment lines that keep GET /api/events/stream connections open',
  },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string {
    const value = this.env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
    return CONFIG_VARIABLES.find((v) => v.name === name)?.default ?? '';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.raw(name) as T;
    if (!allowed.includes(value)) {
      this.problems.push(`${name}="${value}" must be one of: ${allowed.join(', ')}`);
    }
    return value;
  }

  integer(name: string, min: number, max: number): number {
    const text = this.raw(name);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      this.problems.push(`${name}="${text}" must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  duration(name: string): number {
    const text = this.raw(name);
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.problems.push(`${name}="${text}" is not a duration; write e.g. "14 days", "2h" or "30s"`);
      return 0;
    }
    return ms;
  }

  url(name: string, protocols: string[]): string {
    const text = this.raw(name);
    try {
      const parsed = new URL(text);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
    } catch {
      // The value may hold a password: it is not echoed.
      this.problems.push(
        `${name} must be a URL starting with ${protocols.join(' or ')}// (the value given is not shown)`,
      );
    }
    return text;
  }

  /** An IP address or a host name; `fallback` when unset. */
  host(name: string, fallback: string): string {
    const value = this.env[name]?.trim() || fallback;
    if (
      isIP(value) === 0 &&
      !/^(?=.{1,253}$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i.test(value)
    ) {
      this.problems.push(`${name}="${value}" must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0`);
    }
    return value;
  }

  /** An origin (scheme://host[:port], http or https, no path, query or credentials), without a trailing slash. */
  origin(name: string, text: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      this.problems.push(`${name}: "${text}" is not a URL; write an origin such as https://plans.example.org`);
      return undefined;
    }
    if (
      !['http:', 'https:'].includes(parsed.protocol) ||
      parsed.username ||
      parsed.password ||
      parsed.pathname !== '/' ||
      parsed.search ||
      parsed.hash
    ) {
      this.problems.push(
        `${name}: "${text}" must be an origin, http(s)://host[:port] with no path, query or credentials, e.g. https://plans.example.org`,
      );
      return undefined;
    }
    return parsed.origin;
  }

  hostPort(name: string): string {
    const text = this.raw(name);
    if (!/^[\w.-]+:\d{1,5}$/.test(text)) {
      this.problems.push(`${name}="${text}" must be host:port, e.g. 127.0.0.1:7233`);
    }
    return text;
  }
}

export interface LoadOptions {
  /**
   * The process verifies bearer tokens (the API): then the development secret is refused unless
   * development or test is chosen explicitly, so that a deployment that forgot NODE_ENV does
   * not accept tokens anyone can mint.
   */
  verifiesTokens?: boolean;
  /**
   * The process signs adoption records (the worker): in production its key must be given
   * (RECORD_SIGNING_KEY or an explicit RECORD_SIGNING_KEY_FILE), never generated.
   */
  signsRecords?: boolean;
}

function secretProblems(secret: string, env: Env, nodeEnv: AppConfig['nodeEnv'], options: LoadOptions): string[] {
  const explicitEnv = env.NODE_ENV?.trim();
  const fix = 'generate one with `openssl rand -base64 32`';
  // In production HS256 tokens are refused whatever the secret: it is not used there.
  if (nodeEnv === 'production') return [];
  if (secret.length < 16) return ['AUTH_JWT_SECRET must be at least 16 characters long'];
  if (options.verifiesTokens && secret === DEV_JWT_SECRET && !explicitEnv) {
    return [
      'AUTH_JWT_SECRET is the development default and NODE_ENV is not set: set NODE_ENV=development ' +
        `(or test) to run on development defaults, or set AUTH_JWT_SECRET (${fix})`,
    ];
  }
  return [];
}

const CLAIM_PATH = /^[A-Za-z_][\w:/-]*(\.[A-Za-z_][\w:/-]*)*$/;

const isLoopbackUrl = (url: string): boolean => {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * The OIDC settings, when OIDC_ISSUER_URL is set; in production the issuer must be https (or on
 * loopback, or anywhere with the explicit opt-in OIDC_ALLOW_HTTP_ISSUER=true).
 */
function oidcSettings(r: Reader, nodeEnv: AppConfig['nodeEnv']): OidcSettings | undefined {
  if (r.raw('OIDC_ISSUER_URL') === '') return undefined;
  const issuerUrl = r.url('OIDC_ISSUER_URL', ['https:', 'http:']);
  // The one exception to https in production, and only when asked for explicitly: an issuer on a
  // private network without TLS (the compose deployment's Keycloak at http://keycloak:8180). The
  // keys and the tokens' issuer are then only as trustworthy as that network.
  const allowHttpIssuer = r.oneOf('OIDC_ALLOW_HTTP_ISSUER', ['true', 'false'] as const) === 'true';
  if (nodeEnv === 'production' && issuerUrl.startsWith('http:') && !isLoopbackUrl(issuerUrl) && !allowHttpIssuer) {
    r.problems.push(
      'OIDC_ISSUER_URL must be an https:// URL in production (http:// only on a loopback address, or on a private network with OIDC_ALLOW_HTTP_ISSUER=true)',
    );
  }
  const claimPath = (name: string): string => {
    const path = r.raw(name);
    if (!CLAIM_PATH.test(path))
      r.problems.push(`${name}="${path}" must be a dotted claim path, e.g. realm_access.roles`);
    return path;
  };
  const audience = r.raw('OIDC_AUDIENCE');
  if (audience === '') r.problems.push('OIDC_AUDIENCE must not be empty');
  return {
    issuerUrl,
    audience,
    clockToleranceSeconds: Math.floor(r.duration('OIDC_CLOCK_TOLERANCE') / 1000),
    jwksCooldownMs: r.duration('OIDC_JWKS_COOLDOWN'),
    jwksMaxAgeMs: r.duration('OIDC_JWKS_MAX_AGE'),
    claims: {
      roles: claimPath('OIDC_ROLES_CLAIM'),
      country: claimPath('OIDC_COUNTRY_CLAIM'),
      body: claimPath('OIDC_BODY_CLAIM'),
      seat: claimPath('OIDC_SEAT_CLAIM'),
      org: claimPath('OIDC_ORG_CLAIM'),
      name: claimPath('OIDC_NAME_CLAIM'),
      email: claimPath('OIDC_EMAIL_CLAIM'),
    },
  };
}

/** `publicUrl`: the service's address for links in e-mails, read once with the browser settings (PUBLIC_URL). */
function notificationSettings(r: Reader, publicUrl: string): NotificationSettings {
  // Refused by default whatever NODE_ENV says: a deployment that forgets NODE_ENV is not open to SSRF.
  const privateAddresses = r.oneOf('WEBHOOK_PRIVATE_ADDRESSES', ['refuse', 'loopback', 'allow'] as const);
  const mailFrom = r.raw('MAIL_FROM');
  if (!/@/.test(mailFrom))
    r.problems.push(`MAIL_FROM="${mailFrom}" must be an e-mail address, e.g. AoC <no-reply@example.org>`);
  const retry = {
    maximumAttempts: r.integer('NOTIFICATION_RETRY_ATTEMPTS', 1, 1000),
    initialIntervalMs: r.duration('NOTIFICATION_RETRY_INITIAL_INTERVAL'),
    maximumIntervalMs: r.duration('NOTIFICATION_RETRY_MAX_INTERVAL'),
  };
  if (retry.maximumIntervalMs < retry.initialIntervalMs) {
    r.problems.push('NOTIFICATION_RETRY_MAX_INTERVAL must not be shorter than NOTIFICATION_RETRY_INITIAL_INTERVAL');
  }
  return {
    publicUrl: publicUrl.replace(/\/+$/, ''),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom,
    retry,
    webhookPrivateAddresses: privateAddresses,
    webhookTimeoutMs: r.duration('WEBHOOK_TIMEOUT'),
    attemptTimeoutMs: r.duration('NOTIFICATION_ATTEMPT_TIMEOUT'),
  };
}

/** Express's names for address ranges, accepted in TRUST_PROXY's list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: unset, no proxy is trusted (the client is the connection's peer); a whole number,
 * that many hops; else a list of addresses, CIDRs and Express's range names. `true` (trust every
 * hop, so the client's own X-Forwarded-For) is refused: anyone could choose their address.
 */
function trustProxy(r: Reader): false | number | string[] {
  const text = r.raw('TRUST_PROXY');
  if (text === '' || text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return false;
    if (entry.includes('/')) {
      try {
        ipaddr.parseCIDR(entry);
        return false;
      } catch {
        return true;
      }
    }
    return !ipaddr.isValid(entry);
  });
  if (text === 'true' || bad.length > 0 || entries.length === 0) {
    r.problems.push(
      `TRUST_PROXY="${text}" must be a hop count (e.g. 1) or addresses and CIDRs separated by commas (e.g. 10.0.0.0/8, loopback)` +
        (text === 'true' ? ': true would let every client choose its address' : ''),
    );
  }
  return entries;
}

/** The Vite dev server of the web app: allowed by default outside production (ALLOWED_ORIGINS). */
export const DEV_WEB_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

const MINUTE_MS = 60_000;

function browserSettings(r: Reader, nodeEnv: AppConfig['nodeEnv'], port: number): BrowserSettings {
  const publicText = r.raw('PUBLIC_URL');
  // Unset: the API's own address (a bad PORT is reported once, as PORT).
  const publicUrl = publicText === '' ? `http://127.0.0.1:${port}` : (r.origin('PUBLIC_URL', publicText) ?? publicText);
  const listed = r.raw('ALLOWED_ORIGINS');
  const origins =
    listed !== ''
      ? listed
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== '')
          .flatMap((o) => {
            if (o === '*') {
              r.problems.push('ALLOWED_ORIGINS must list origins; "*" would let any site act with a signed-in session');
              return [];
            }
            return r.origin('ALLOWED_ORIGINS', o) ?? [];
          })
      : nodeEnv === 'production'
        ? []
        : DEV_WEB_ORIGINS;
  const sessionTtlMs = r.duration('SESSION_TTL');
  if (sessionTtlMs !== 0 && (sessionTtlMs < MINUTE_MS || sessionTtlMs > 30 * 86_400_000)) {
    r.problems.push(`SESSION_TTL="${r.raw('SESSION_TTL')}" must be from 1 minute to 30 days`);
  }
  const clientId = r.raw('OIDC_CLIENT_ID');
  if (clientId === '') r.problems.push('OIDC_CLIENT_ID must not be empty');
  const scope = r.raw('OIDC_SCOPE').split(/\s+/).join(' ');
  if (!scope.split(' ').includes('openid')) {
    r.problems.push(`OIDC_SCOPE="${scope}" must include openid (sign-in is OpenID Connect)`);
  }
  const clientSecret = r.raw('OIDC_CLIENT_SECRET') || undefined;
  return {
    publicUrl,
    allowedOrigins: [...new Set([publicUrl, ...origins])],
    sessionTtlMs,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    scope,
  };
}

/** Reads and validates the whole configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env, options: LoadOptions = {}): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const);
  const port = r.integer('PORT', 1, 65535);
  const browser = browserSettings(r, nodeEnv, port);
  const config: AppConfig = {
    nodeEnv,
    host: r.host('HOST', nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port,
    logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseMigrationUrl: migrationDatabaseUrl(r),
    temporal: {
      address: r.hostPort('TEMPORAL_ADDRESS'),
      namespace: r.raw('TEMPORAL_NAMESPACE'),
      taskQueue: r.raw('TEMPORAL_TASK_QUEUE'),
      callTimeoutMs: r.duration('TEMPORAL_CALL_TIMEOUT'),
      uiUrl: r.url('TEMPORAL_UI_URL', ['http:', 'https:']).replace(/\/+$/, ''),
      maxCachedWorkflows: r.integer('WORKER_MAX_CACHED_WORKFLOWS', 1, 1_000_000),
    },
    metrics: {
      workerPort: r.integer('WORKER_METRICS_PORT', 0, 65535),
      ...(r.raw('METRICS_TOKEN') ? { token: r.raw('METRICS_TOKEN') } : {}),
    },
    auth: {
      jwtSecret: r.raw('AUTH_JWT_SECRET'),
      oidc: oidcSettings(r, nodeEnv),
      browser,
    },
    rateLimits: {
      perMinute: r.integer('RATE_LIMIT_PER_MINUTE', 1, 100_000_000),
      authFailuresPerMinute: r.integer('AUTH_FAILURE_LIMIT_PER_MINUTE', 1, 100_000_000),
    },
    trustProxy: trustProxy(r),
    review: {
      durations: {
        NATIONAL_CONSULTATION: r.duration('NATIONAL_CONSULTATION_DURATION'),
        CIVIL_SOCIETY_COMMENT: r.duration('COMMENT_WINDOW_DURATION'),
        SECRETARIAT_REVIEW: r.duration('SECRETARIAT_REVIEW_DURATION'),
        GOF_ENDORSEMENT: r.duration('ENDORSEMENT_DURATION'),
      },
      maxRevisionRounds: r.integer('MAX_REVISION_ROUNDS', 0, 100),
    },
    notifications: notificationSettings(r, browser.publicUrl),
    eventStream: { heartbeatMs: r.duration('EVENT_STREAM_HEARTBEAT') },
    records: {
      ...(r.raw('RECORD_SIGNING_KEY') ? { signingKey: r.raw('RECORD_SIGNING_KEY') } : {}),
      signingKeyFile: r.raw('RECORD_SIGNING_KEY_FILE'),
      publicUrl: browser.publicUrl,
    },
  };
  r.problems.push(...secretProblems(config.auth.jwtSecret, env, nodeEnv, options));
  if (nodeEnv === 'production' && options.verifiesTokens && !config.auth.oidc) {
    r.problems.push(
      'OIDC_ISSUER_URL must be set in production: HS256 tokens are refused there, so only the tokens of an OpenID Connect provider can sign anyone in',
    );
  }
  if (nodeEnv === 'production' && options.signsRecords && !config.records.signingKey && !env.RECORD_SIGNING_KEY_FILE) {
    r.problems.push(
      'RECORD_SIGNING_KEY (or RECORD_SIGNING_KEY_FILE) must be set in production: adoption records are signed with it, and a generated key would change with every deployment (docs/publication.md)',
    );
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
