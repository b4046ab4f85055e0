import path from 'node:path';
import { envValue } from '../support/environment';
import { ManagedProcess, type OutputMode } from '../support/managed-process';
import { projectRoot } from '../support/project-paths';
import { waitUntil } from '@aoc/support/wait-until';

/** The web page of the local mail catcher, where the e-mails sent show (`MAIL_CATCHER_WEB_PORT`). */
export const DEFAULT_MAIL_CATCHER_WEB_PORT = 1080;

export function mailCatcherWebPort(env: NodeJS.ProcessEnv = process.env): number {
  const text = envValue('MAIL_CATCHER_WEB_PORT', env);
  if (text === undefined) return DEFAULT_MAIL_CATCHER_WEB_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(`MAIL_CATCHER_WEB_PORT="${text}" must be a whole number from 1 to 65535`);
  }
  return port;
}

export interface MailCatcherOptions {
  smtpPort: number;
  webPort: number;
  /** Where the caught e-mails are kept between runs; undefined: in memory. */
  mailDirectory?: string;
  output: OutputMode;
  logFile?: string;
  signal?: AbortSignal;
}

export interface MailCatcher {
  process: ManagedProcess;
  smtpUrl: string;
  webUrl: string;
}

/**
 * MailDev (the `maildev` package, v3) as a process of its own, on loopback: an SMTP server
 * that keeps every e-mail it gets and a web page to read them (with a REST API: `GET /api/email`).
 * It is an ES module, so it runs through its own command line rather than being imported.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const cli = path.join(projectRoot(), 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const child = ManagedProcess.start({
    name: 'mail',
    command: process.execPath,
    args: [
      cli,
      '--smtp',
      String(options.smtpPort),
      '--web',
      String(options.webPort),
      '--ip',
      '127.0.0.1',
      '--web-ip',
      '127.0.0.1',
      ...(options.mailDirectory ? ['--mail-directory', options.mailDirectory] : []),
    ],
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    output: options.output,
    logFile: options.logFile,
    stopSignal: 'SIGTERM',
    stopTimeoutMs: 10_000,
  });
  const webUrl = `http://127.0.0.1:${options.webPort}`;
  try {
    await waitUntil(
      async () => {
        const response = await fetch(`${webUrl}/api/healthz`, { signal: AbortSignal.timeout(2_000) });
        return response.ok ? true : undefined;
      },
      {
        description: `the mail catcher at ${webUrl}`,
        timeoutMs: 30_000,
        intervalMs: 200,
        signal: options.signal,
        giveUpIf: () =>
          child.exit ? `the mail catcher ${ManagedProcess.describe(child.exit)}:\n${child.recentOutput()}` : undefined,
      },
    );
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { process: child, smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`, webUrl };
}
