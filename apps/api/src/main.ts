import 'reflect-metadata';
import { exitOnConfigError } from '../../../libs/config/src/bootstrap';
import { createLogger } from '../../../libs/config/src/logger';
import { createHttpApp } from './http-app';

/** The HTTP API process. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError('api');
  const logger = createLogger(config.logLevel, 'api');
  const app = await createHttpApp(logger);
  await app.listen(config.port, '0.0.0.0');
  logger.log('API listening', {
    url: `http://127.0.0.1:${config.port}/api`,
    docs: `http://127.0.0.1:${config.port}/api/docs`,
  });
}

void bootstrap().catch((error: unknown) => {
  const message =
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `port in use: ${(error as Error).message}; set PORT to a free port`
      : (error as Error).message;
  createLogger('error', 'api').fatal(message);
  process.exit(1);
});
