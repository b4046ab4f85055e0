import { randomBytes } from 'node:crypto';
import { CONFIG_VARIABLES, ConfigError, DEV_JWT_SECRET, LoadOptions, loadConfig } from './config.schema';

const problemsOf = (env: Record<string, string | undefined>, options?: LoadOptions): string[] => {
  try {
    loadConfig(env, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('accepts the defaults, with the documented stage durations', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      // npm start's embedded PostgreSQL: the services as a role that owns nothing, the migrations as the owner.
      databaseUrl: 'postgres://aoc_app:aoc_app@127.0.0.1:54329/aoc_plans',
      databaseMigrationUrl: 'postgres://postgres:postgres@127.0.0.1:54329/aoc_plans',
      temporal: {
        address: '127.0.0.1:7233',
        namespace: 'default',
        taskQueue: 'plan-review',
        callTimeoutMs: 5_000,
        maxCachedWorkflows: 1500,
        uiUrl: 'http://127.0.0.1:8233',
      },
      metrics: { workerPort: 0 },
      auth: {
        jwtSecret: DEV_JWT_SECRET,
        oidc: undefined,
        browser: {
          publicUrl: 'http://127.0.0.1:3000',
          allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:5173', 'http://127.0.0.1:5173'],
          sessionTtlMs: 8 * 3_600_000,
          clientId: 'aoc-web',
          scope: 'openid profile email',
        },
      },
      rateLimits: { perMinute: 1200, authFailuresPerMinute: 30 },
      trustProxy: false,
      review: {
        durations: {
          NATIONAL_CONSULTATION: 14 * 86_400_000,
          CIVIL_SOCIETY_COMMENT: 30 * 86_400_000,
          SECRETARIAT_REVIEW: 21 * 86_400_000,
          GOF_ENDORSEMENT: 10 * 86_400_000,
        },
        maxRevisionRounds: 3,
      },
      notifications: {
        publicUrl: 'http://127.0.0.1:3000',
        smtpUrl: 'smtp://127.0.0.1:1025',
        mailFrom: 'AoC plan approval <no-reply@aoc.invalid>',
        retry: { maximumAttempts: 10, initialIntervalMs: 30_000, maximumIntervalMs: 3_600_000 },
        // Refused outside production too (issue 19): npm start and the tests choose loopback.
        webhookPrivateAddresses: 'refuse',
        webhookTimeoutMs: 10_000,
        attemptTimeoutMs: 120_000,
      },
      eventStream: { heartbeatMs: 15_000 },
      records: { publicUrl: 'http://127.0.0.1:3000', signingKeyFile: '.data/record-signing-key.pem' },
    });
  });

  it('does not read process.env when given an environment', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      expect(loadConfig({}).port).toBe(3000);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('reads and trims the variables it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      HOST: ' 0.0.0.0 ',
      PORT: ' 8080 ',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'aoc',
      TEMPORAL_TASK_QUEUE: 'q',
      TEMPORAL_CALL_TIMEOUT: '1500ms',
      AUTH_JWT_SECRET: 'a-long-enough-secret',
      RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '5',
      NATIONAL_CONSULTATION_DURATION: '3s',
      COMMENT_WINDOW_DURATION: '250ms',
      SECRETARIAT_REVIEW_DURATION: '1.5h',
      ENDORSEMENT_DURATION: '2 minutes',
      MAX_REVISION_ROUNDS: '0',
      PUBLIC_URL: 'https://aoc.example.org/',
      SMTP_URL: 'smtps://user:pass@mail.example.org:465',
      MAIL_FROM: 'AoC <aoc@example.org>',
      NOTIFICATION_RETRY_ATTEMPTS: '3',
      NOTIFICATION_RETRY_INITIAL_INTERVAL: '1s',
      NOTIFICATION_RETRY_MAX_INTERVAL: '2s',
      WEBHOOK_PRIVATE_ADDRESSES: 'refuse',
      WEBHOOK_TIMEOUT: '3s',
      EVENT_STREAM_HEARTBEAT: '5s',
      TEMPORAL_UI_URL: 'https://temporal.example.org/ui/',
      WORKER_METRICS_PORT: '9464',
      METRICS_TOKEN: ' scrape-secret ',
    });
    expect(config).toEqual({
      nodeEnv: 'test',
      host: '0.0.0.0',
      port: 8080,
      logLevel: 'debug',
      databaseUrl: 'postgresql://u:p@db:5432/x',
      // Only DATABASE_URL given: the one role runs the migrations too.
      databaseMigrationUrl: 'postgresql://u:p@db:5432/x',
      temporal: {
        address: 'temporal.internal:7233',
        namespace: 'aoc',
        taskQueue: 'q',
        callTimeoutMs: 1_500,
        maxCachedWorkflows: 1500,
        uiUrl: 'https://temporal.example.org/ui',
      },
      metrics: { workerPort: 9464, token: 'scrape-secret' },
      auth: {
        jwtSecret: 'a-long-enough-secret',
        browser: {
          publicUrl: 'https://aoc.example.org',
          allowedOrigins: ['https://aoc.example.org', 'http://localhost:5173', 'http://127.0.0.1:5173'],
          sessionTtlMs: 8 * 3_600_000,
          clientId: 'aoc-web',
          scope: 'openid profile email',
        },
      },
      rateLimits: { perMinute: 100_000, authFailuresPerMinute: 5 },
      trustProxy: false,
      review: {
        durations: {
          NATIONAL_CONSULTATION: 3_000,
          CIVIL_SOCIETY_COMMENT: 250,
          SECRETARIAT_REVIEW: 5_400_000,
          GOF_ENDORSEMENT: 120_000,
        },
        maxRevisionRounds: 0,
      },
      notifications: {
        publicUrl: 'https://aoc.example.org',
        smtpUrl: 'smtps://user:pass@mail.example.org:465',
        mailFrom: 'AoC <aoc@example.org>',
        retry: { maximumAttempts: 3, initialIntervalMs: 1_000, maximumIntervalMs: 2_000 },
        webhookPrivateAddresses: 'refuse',
        webhookTimeoutMs: 3_000,
        attemptTimeoutMs: 120_000,
      },
      eventStream: { heartbeatMs: 5_000 },
      records: { publicUrl: 'https://aoc.example.org', signingKeyFile: '.data/record-signing-key.pem' },
    });
  });

  it.each([
    ['NODE_ENV', 'prod'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['PORT', 'http'],
    ['PORT', '-1'],
    ['HOST', 'not a host'],
    ['HOST', 'http://0.0.0.0'],
    ['TEMPORAL_CALL_TIMEOUT', '5'],
    ['TEMPORAL_CALL_TIMEOUT', '0s'],
    ['TEMPORAL_CALL_TIMEOUT', 'soon'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ['AUTH_FAILURE_LIMIT_PER_MINUTE', '-5'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['DATABASE_URL', 'not a url'],
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233'],
    ['NATIONAL_CONSULTATION_DURATION', '14'],
    ['COMMENT_WINDOW_DURATION', 'a month'],
    ['SECRETARIAT_REVIEW_DURATION', '0s'],
    ['ENDORSEMENT_DURATION', '-1 days'],
    ['MAX_REVISION_ROUNDS', '-1'],
    ['MAX_REVISION_ROUNDS', '101'],
    ['MAX_REVISION_ROUNDS', 'three'],
    ['AUTH_JWT_SECRET', 'short'],
    ['PUBLIC_URL', 'aoc.example.org'],
    ['SMTP_URL', 'http://mail:25'],
    ['MAIL_FROM', 'nobody'],
    ['NOTIFICATION_RETRY_ATTEMPTS', '0'],
    ['NOTIFICATION_RETRY_INITIAL_INTERVAL', 'soon'],
    ['NOTIFICATION_RETRY_MAX_INTERVAL', '1s'],
    ['WEBHOOK_PRIVATE_ADDRESSES', 'sometimes'],
    ['DATABASE_MIGRATION_URL', 'mysql://owner@db/x'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'the-proxy'],
    ['WEBHOOK_TIMEOUT', '0s'],
    ['EVENT_STREAM_HEARTBEAT', 'often'],
    ['TEMPORAL_UI_URL', 'ftp://temporal.example.org'],
    ['TEMPORAL_UI_URL', '127.0.0.1:8233'],
    ['WORKER_METRICS_PORT', '65536'],
    ['WORKER_METRICS_PORT', 'on'],
  ])('reports %s=%p by name', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports every bad variable at once, in one ConfigError', () => {
    const env = { PORT: 'x', LOG_LEVEL: 'loud', ENDORSEMENT_DURATION: 'soon' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    const problems = problemsOf(env);
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT="x".*\n.*LOG_LEVEL="loud".*\n.*ENDORSEMENT_DURATION="soon"/);
    expect(() => loadConfig(env)).toThrow(/Invalid configuration:\n {2}- PORT/);
  });

  it.each(['127.0.0.1', '::1', '0.0.0.0', 'api.internal', 'localhost'])('accepts HOST=%p', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  describe('in production', () => {
    const strong = randomBytes(32).toString('base64');
    const production = (secret?: string) => ({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret });

    const api = { verifiesTokens: true };
    const issuer = { OIDC_ISSUER_URL: 'https://login.example.org/realms/aoc' };

    it('refuses webhooks on internal addresses unless told otherwise', () => {
      expect(loadConfig(production()).notifications.webhookPrivateAddresses).toBe('refuse');
      for (const NODE_ENV of ['development', 'test', '']) {
        expect(loadConfig({ NODE_ENV }).notifications.webhookPrivateAddresses).toBe('refuse');
      }
      expect(loadConfig({ WEBHOOK_PRIVATE_ADDRESSES: 'loopback' }).notifications.webhookPrivateAddresses).toBe(
        'loopback',
      );
      expect(
        loadConfig({ ...production(), WEBHOOK_PRIVATE_ADDRESSES: 'allow' }).notifications.webhookPrivateAddresses,
      ).toBe('allow');
    });

    it('needs no AUTH_JWT_SECRET: HS256 tokens are refused in production', () => {
      expect(problemsOf(production())).toEqual([]);
      expect(problemsOf({ ...production(), ...issuer }, api)).toEqual([]);
    });

    it('refuses to start the worker without a record signing key, and takes one given inline or as a file', () => {
      const worker = { signsRecords: true };
      expect(problemsOf(production(), worker)).toEqual([
        expect.stringMatching(/^RECORD_SIGNING_KEY \(or RECORD_SIGNING_KEY_FILE\) must be set in production/),
      ]);
      expect(problemsOf({ ...production(), RECORD_SIGNING_KEY: 'a key' }, worker)).toEqual([]);
      expect(problemsOf({ ...production(), RECORD_SIGNING_KEY_FILE: '/run/secrets/key' }, worker)).toEqual([]);
      expect(problemsOf(production())).toEqual([]);
    });

    it('refuses to start the API without an OIDC issuer', () => {
      const problems = problemsOf(production(strong), api);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^OIDC_ISSUER_URL must be set in production/);
    });

    it('wants an https issuer in production, but for one on a loopback address', () => {
      const problems = problemsOf({ ...production(), OIDC_ISSUER_URL: 'http://login.example.org' }, api);
      expect(problems).toEqual([expect.stringMatching(/^OIDC_ISSUER_URL must be an https:\/\/ URL in production/)]);
      expect(problemsOf({ ...production(), OIDC_ISSUER_URL: 'http://127.0.0.1:8080/realms/aoc' }, api)).toEqual([]);
    });

    it('takes an http issuer off loopback only with the explicit OIDC_ALLOW_HTTP_ISSUER=true (a private network)', () => {
      const compose = { ...production(), OIDC_ISSUER_URL: 'http://keycloak:8180/realms/aoc' };
      expect(problemsOf({ ...compose, OIDC_ALLOW_HTTP_ISSUER: 'true' }, api)).toEqual([]);
      expect(loadConfig({ ...compose, OIDC_ALLOW_HTTP_ISSUER: 'true' }, api).auth.oidc?.issuerUrl).toBe(
        'http://keycloak:8180/realms/aoc',
      );
      for (const unset of [{}, { OIDC_ALLOW_HTTP_ISSUER: 'false' }, { OIDC_ALLOW_HTTP_ISSUER: '' }]) {
        expect(problemsOf({ ...compose, ...unset }, api)).toEqual([
          expect.stringMatching(/^OIDC_ISSUER_URL must be an https:\/\/ URL in production/),
        ]);
      }
      expect(problemsOf({ ...compose, OIDC_ALLOW_HTTP_ISSUER: 'yes' }, api)).toEqual([
        'OIDC_ALLOW_HTTP_ISSUER="yes" must be one of: true, false',
        expect.stringMatching(/^OIDC_ISSUER_URL must be an https:\/\/ URL in production/),
      ]);
    });

    it('listens on every interface by default; HOST still chooses', () => {
      expect(loadConfig(production(strong)).host).toBe('0.0.0.0');
      expect(loadConfig({ ...production(strong), HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
    });
  });

  describe('without NODE_ENV, for a process that verifies tokens (the API)', () => {
    const api = { verifiesTokens: true };

    it('refuses the development secret, saying to choose development explicitly', () => {
      for (const env of [{}, { NODE_ENV: '  ' }, { AUTH_JWT_SECRET: DEV_JWT_SECRET }]) {
        const problems = problemsOf(env, api);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain('AUTH_JWT_SECRET');
        expect(problems[0]).toContain('NODE_ENV=development');
      }
    });

    it.each(['development', 'test'])('accepts it when NODE_ENV=%s is chosen', (nodeEnv) => {
      expect(loadConfig({ NODE_ENV: nodeEnv }, api).auth.jwtSecret).toBe(DEV_JWT_SECRET);
    });

    it('accepts a secret of its own', () => {
      expect(loadConfig({ AUTH_JWT_SECRET: 'a-secret-of-our-own-choosing' }, api).nodeEnv).toBe('development');
    });

    it('leaves tools that only sign or do not use tokens (token minting, migrations) on the defaults', () => {
      expect(loadConfig({}).auth.jwtSecret).toBe(DEV_JWT_SECRET);
    });
  });

  it.each(['development', 'test'])('allows the development JWT secret in %s', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv }).auth.jwtSecret).toBe(DEV_JWT_SECRET);
  });

  describe('OIDC', () => {
    it('is off unless OIDC_ISSUER_URL is set', () => {
      expect(loadConfig({}).auth.oidc).toBeUndefined();
    });

    it('reads the issuer, audience, clock tolerance and claim paths, with Keycloak defaults', () => {
      expect(loadConfig({ OIDC_ISSUER_URL: 'http://127.0.0.1:3005' }).auth.oidc).toEqual({
        issuerUrl: 'http://127.0.0.1:3005',
        audience: 'aoc-plan-approval',
        clockToleranceSeconds: 30,
        jwksCooldownMs: 30_000,
        jwksMaxAgeMs: 600_000,
        claims: {
          roles: 'realm_access.roles',
          country: 'country',
          body: 'body',
          seat: 'seat',
          org: 'org',
          name: 'name',
          email: 'email',
        },
      });
      const entra = loadConfig({
        OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant/v2.0',
        OIDC_ROLES_CLAIM: 'roles',
        OIDC_EMAIL_CLAIM: 'preferred_username',
        OIDC_COUNTRY_CLAIM: 'extn.country',
      }).auth.oidc;
      expect(entra?.claims).toMatchObject({ roles: 'roles', email: 'preferred_username', country: 'extn.country' });
    });

    it('refuses a claim path that is not dotted names', () => {
      expect(problemsOf({ OIDC_ISSUER_URL: 'http://idp', OIDC_ROLES_CLAIM: 'a..b' })).toEqual([
        expect.stringContaining('OIDC_ROLES_CLAIM="a..b" must be a dotted claim path'),
      ]);
    });
  });

  describe('browser sign-in', () => {
    it('derives PUBLIC_URL from PORT, and allows only it in production unless ALLOWED_ORIGINS says more', () => {
      const prod = { NODE_ENV: 'production', OIDC_ISSUER_URL: 'https://idp.example.org', PORT: '8080' };
      expect(loadConfig(prod).auth.browser).toMatchObject({
        publicUrl: 'http://127.0.0.1:8080',
        allowedOrigins: ['http://127.0.0.1:8080'],
      });
      const browser = loadConfig({
        ...prod,
        PUBLIC_URL: 'https://plans.example.org/',
        ALLOWED_ORIGINS: ' https://admin.example.org , https://plans.example.org',
        SESSION_TTL: '30m',
        OIDC_CLIENT_ID: 'plans-bff',
        OIDC_CLIENT_SECRET: 's3cret',
        OIDC_SCOPE: 'openid  email api://x/access',
      }).auth.browser;
      expect(browser).toEqual({
        publicUrl: 'https://plans.example.org',
        allowedOrigins: ['https://plans.example.org', 'https://admin.example.org'],
        sessionTtlMs: 30 * 60_000,
        clientId: 'plans-bff',
        clientSecret: 's3cret',
        scope: 'openid email api://x/access',
      });
    });

    it.each([
      [
        { PUBLIC_URL: 'https://plans.example.org/app' },
        'PUBLIC_URL: "https://plans.example.org/app" must be an origin',
      ],
      [{ PUBLIC_URL: 'plans.example.org' }, 'PUBLIC_URL: "plans.example.org" is not a URL'],
      [{ ALLOWED_ORIGINS: '*' }, 'ALLOWED_ORIGINS must list origins'],
      [{ ALLOWED_ORIGINS: 'ftp://x.example.org' }, 'ALLOWED_ORIGINS: "ftp://x.example.org" must be an origin'],
      [{ SESSION_TTL: '10s' }, 'SESSION_TTL="10s" must be from 1 minute to 30 days'],
      [{ SESSION_TTL: 'forever' }, 'SESSION_TTL="forever" is not a duration'],
      [{ OIDC_SCOPE: 'profile email' }, 'OIDC_SCOPE="profile email" must include openid'],
    ])('refuses %j saying why', (env, message) => {
      expect(problemsOf(env)).toEqual([expect.stringContaining(message)]);
    });
  });

  it('reads TRUST_PROXY as Express takes it: no proxy, a hop count, or addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' loopback, 10.0.0.0/8 ,fd00::/8, 192.0.2.1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.1',
    ]);
  });

  it('runs the migrations as DATABASE_MIGRATION_URL, the services as DATABASE_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://aoc_app:s@db:5432/aoc_plans',
      DATABASE_MIGRATION_URL: 'postgres://aoc:o@db:5432/aoc_plans',
    });
    expect(config.databaseUrl).toBe('postgres://aoc_app:s@db:5432/aoc_plans');
    expect(config.databaseMigrationUrl).toBe('postgres://aoc:o@db:5432/aoc_plans');
  });

  it('documents exactly the variables it reads, with defaults that load', () => {
    const env = Object.fromEntries(CONFIG_VARIABLES.map((v) => [v.name, v.default]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
    expect(new Set(CONFIG_VARIABLES.map((v) => v.name)).size).toBe(CONFIG_VARIABLES.length);
  });
});
