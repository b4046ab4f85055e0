import { parseDuration } from '../../domain/src/duration';

/**
 * The one configuration schema of the system. Every process (API, worker, the
 * `npm start` orchestrator, the tests) reads its settings through `loadConfig`,
 * which refuses bad values with a message naming the variable and the reason.
 */
export const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production';

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  databaseUrl: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    /** The deadline of every call the API makes to Temporal. */
    callTimeoutMs: number;
  };
  auth: { jwtSecret: string };
  stages: {
    nationalConsultationMs: number;
    commentWindowMs: number;
    secretariatReviewMs: number;
    endorsementMs: number;
    maxRevisionRounds: number;
  };
}

export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

/** Documented in the README; `loadConfig` applies exactly these defaults. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  { name: 'NODE_ENV', default: 'development', description: 'development, test or production' },
  { name: 'PORT', default: '3000', description: 'HTTP port of the API' },
  { name: 'LOG_LEVEL', default: 'info', description: 'debug, info, warn or error' },
  {
    name: 'DATABASE_URL',
    default: 'postgres://postgres:postgres@127.0.0.1:54329/aoc_plans',
    description: 'PostgreSQL connection URL; unset, `npm start` runs embedded PostgreSQL there',
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
    name: 'AUTH_JWT_SECRET',
    default: DEV_JWT_SECRET,
    description: 'HS256 secret for bearer tokens; the default is refused when NODE_ENV=production',
  },
  { name: 'NATIONAL_CONSULTATION_DURATION', default: '14 days', description: 'stage 1 duration' },
  { name: 'COMMENT_WINDOW_DURATION', default: '30 days', description: 'stage 2 comment window' },
  { name: 'SECRETARIAT_REVIEW_DURATION', default: '21 days', description: 'stage 3 duration' },
  { name: 'ENDORSEMENT_DURATION', default: '10 days', description: 'stage 4 silence procedure' },
  { name: 'MAX_REVISION_ROUNDS', default: '3', description: 'secretariat revision rounds before escalation' },
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

  hostPort(name: string): string {
    const text = this.raw(name);
    if (!/^[\w.-]+:\d{1,5}$/.test(text)) {
      this.problems.push(`${name}="${text}" must be host:port, e.g. 127.0.0.1:7233`);
    }
    return text;
  }
}

/** Reads and validates the whole configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'test', 'production'] as const);
  const config: AppConfig = {
    nodeEnv,
    port: r.integer('PORT', 1, 65535),
    logLevel: r.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const),
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    temporal: {
      address: r.hostPort('TEMPORAL_ADDRESS'),
      namespace: r.raw('TEMPORAL_NAMESPACE'),
      taskQueue: r.raw('TEMPORAL_TASK_QUEUE'),
      callTimeoutMs: r.duration('TEMPORAL_CALL_TIMEOUT'),
    },
    auth: { jwtSecret: r.raw('AUTH_JWT_SECRET') },
    stages: {
      nationalConsultationMs: r.duration('NATIONAL_CONSULTATION_DURATION'),
      commentWindowMs: r.duration('COMMENT_WINDOW_DURATION'),
      secretariatReviewMs: r.duration('SECRETARIAT_REVIEW_DURATION'),
      endorsementMs: r.duration('ENDORSEMENT_DURATION'),
      maxRevisionRounds: r.integer('MAX_REVISION_ROUNDS', 0, 100),
    },
  };
  if (nodeEnv === 'production' && config.auth.jwtSecret === DEV_JWT_SECRET) {
    r.problems.push('AUTH_JWT_SECRET must be set in production; the development default is refused');
  }
  if (config.auth.jwtSecret.length < 16) {
    r.problems.push('AUTH_JWT_SECRET must be at least 16 characters long');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}
