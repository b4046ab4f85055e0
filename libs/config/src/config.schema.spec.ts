import { CONFIG_VARIABLES, ConfigError, DEV_JWT_SECRET, loadConfig } from './config.schema';

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
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
      port: 3000,
      logLevel: 'info',
      databaseUrl: 'postgres://postgres:postgres@127.0.0.1:54329/aoc_plans',
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'plan-review', callTimeoutMs: 5_000 },
      auth: { jwtSecret: DEV_JWT_SECRET },
      stages: {
        nationalConsultationMs: 14 * 86_400_000,
        commentWindowMs: 30 * 86_400_000,
        secretariatReviewMs: 21 * 86_400_000,
        endorsementMs: 10 * 86_400_000,
        maxRevisionRounds: 3,
      },
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
      PORT: ' 8080 ',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'aoc',
      TEMPORAL_TASK_QUEUE: 'q',
      TEMPORAL_CALL_TIMEOUT: '1500ms',
      AUTH_JWT_SECRET: 'a-long-enough-secret',
      NATIONAL_CONSULTATION_DURATION: '3s',
      COMMENT_WINDOW_DURATION: '250ms',
      SECRETARIAT_REVIEW_DURATION: '1.5h',
      ENDORSEMENT_DURATION: '2 minutes',
      MAX_REVISION_ROUNDS: '0',
    });
    expect(config).toEqual({
      nodeEnv: 'test',
      port: 8080,
      logLevel: 'debug',
      databaseUrl: 'postgresql://u:p@db:5432/x',
      temporal: { address: 'temporal.internal:7233', namespace: 'aoc', taskQueue: 'q', callTimeoutMs: 1_500 },
      auth: { jwtSecret: 'a-long-enough-secret' },
      stages: {
        nationalConsultationMs: 3_000,
        commentWindowMs: 250,
        secretariatReviewMs: 5_400_000,
        endorsementMs: 120_000,
        maxRevisionRounds: 0,
      },
    });
  });

  it.each([
    ['NODE_ENV', 'prod'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['PORT', 'http'],
    ['PORT', '-1'],
    ['TEMPORAL_CALL_TIMEOUT', '5'],
    ['TEMPORAL_CALL_TIMEOUT', '0s'],
    ['TEMPORAL_CALL_TIMEOUT', 'soon'],
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

  describe('in production', () => {
    it('refuses the development JWT secret, by default or set explicitly', () => {
      for (const env of [{ NODE_ENV: 'production' }, { NODE_ENV: 'production', AUTH_JWT_SECRET: DEV_JWT_SECRET }]) {
        const problems = problemsOf(env);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toContain('AUTH_JWT_SECRET');
      }
    });

    it('accepts a real secret', () => {
      const config = loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-value' });
      expect(config.nodeEnv).toBe('production');
    });
  });

  it.each(['development', 'test'])('allows the development JWT secret in %s', (nodeEnv) => {
    expect(loadConfig({ NODE_ENV: nodeEnv }).auth.jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('documents exactly the variables it reads, with defaults that load', () => {
    const env = Object.fromEntries(CONFIG_VARIABLES.map((v) => [v.name, v.default]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
    expect(new Set(CONFIG_VARIABLES.map((v) => v.name)).size).toBe(CONFIG_VARIABLES.length);
  });
});
