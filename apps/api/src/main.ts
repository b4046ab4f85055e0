import 'reflect-metadata';
import { exitOnConfigError } from '@aoc/config/bootstrap';
import { createLogger } from '@aoc/config/logger';
import { createHttpApp } from './http-app';

/** The HTTP API process. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError('api', { verifiesTokens: true });
  const logger = createLogger(config.logLevel, 'api');
  const app = await createHttpApp(logger);
  await app.listen(config.port, config.host);
  const shown = ['0.0.0.0', '::'].includes(config.host)
    ? '127.0.0.1'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  logger.log('API listening', {
    host: config.host,
    url: `http://${shown}:${config.port}/api`,
    docs: `http://${shown}:${config.port}/api/docs`,
  });
}

void bootstrap().catch((error: unknown) => {
  const message =
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `port in use: ${(error as Error).message}; set PORT to a free port (or HOST to another interface)`
      : (error as Error).message;
  createLogger('error', 'api').fatal(message);
  process.exit(1);
});
