import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitOnConfigError } from '@aoc/config/bootstrap';
import { createLogger } from '@aoc/config/logger';
import { installTemporalRuntime } from './temporal-runtime';
import { WorkerModule } from './worker.module';

/** The worker process: a Nest application context around the Temporal Worker. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError('worker');
  installTemporalRuntime(config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: createLogger(config.logLevel, 'worker'),
  });
  app.enableShutdownHooks();
}

void bootstrap().catch((error: unknown) => {
  createLogger('error', 'worker').fatal((error as Error).message);
  process.exit(1);
});
