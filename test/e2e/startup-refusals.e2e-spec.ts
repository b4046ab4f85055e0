import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Ran {
  code: number | null;
  output: string;
}

/** Runs a built entry point to its end (bounded), with output captured. */
function run(script: string, env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('processes refuse to start on bad configuration, saying what is wrong', () => {
  it('the API names each bad variable and exits with EX_CONFIG', async () => {
    const ran = await run('dist/apps/api/src/main.js', {
      PORT: 'eighty',
      COMMENT_WINDOW_DURATION: 'a while',
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: undefined,
      OIDC_ISSUER_URL: undefined,
    });
    expect(ran.code).toBe(78);
    expect(ran.output).toContain('PORT=\\"eighty\\" must be a whole number');
    expect(ran.output).toContain('COMMENT_WINDOW_DURATION=\\"a while\\" is not a duration');
    expect(ran.output).toContain('OIDC_ISSUER_URL must be set in production');
  });

  it('the API refuses a plain-http OIDC issuer in production', async () => {
    const ran = await run('dist/apps/api/src/main.js', {
      NODE_ENV: 'production',
      OIDC_ISSUER_URL: 'http://login.example.org/realms/aoc',
    });
    expect(ran.code).toBe(78);
    expect(ran.output).toContain('OIDC_ISSUER_URL must be an https:// URL in production');
  });

  it('the API refuses the development secret when NODE_ENV is not set, saying how to choose development', async () => {
    const ran = await run('dist/apps/api/src/main.js', { NODE_ENV: undefined, AUTH_JWT_SECRET: undefined });
    expect(ran.code).toBe(78);
    expect(ran.output).toContain('AUTH_JWT_SECRET is the development default and NODE_ENV is not set');
    expect(ran.output).toContain('NODE_ENV=development');
  });

  it('the worker refuses a malformed Temporal address', async () => {
    const ran = await run('dist/apps/worker/src/main.js', { TEMPORAL_ADDRESS: 'not an address' });
    expect(ran.code).toBe(78);
    expect(ran.output).toContain('TEMPORAL_ADDRESS=\\"not an address\\" must be host:port');
  });
});

describe('npm start', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('names the port that is already taken and what to do, and starts nothing', async () => {
    // On embedded defaults, as a fresh `npm start`: the port check comes before anything starts.
    const ran = await run('dist/infra/start.js', {
      PORT: String(port),
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
    });
    expect(ran.code).toBe(1);
    expect(ran.output).toMatch(new RegExp(`port ${port}.*already in use`));
    expect(ran.output).toContain('set PORT');
    expect(ran.output).not.toContain('Starting embedded PostgreSQL');
  });
});
