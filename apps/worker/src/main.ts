import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitOnConfigError } from '@aoc/config/bootstrap';
import { createLogger } from '@aoc/config/logger';
import { installTemporalRuntime, workerMetricsAddress } from './temporal-runtime';
import { WorkerModule } from './worker.module';

/** The worker process: a Nest application context around the Temporal Worker. */
async function bootstrap(): Promise<void> {
  const config = exitOnConfigError('worker', { signsRecords: true });
  installTemporalRuntime(config);
  const logger = createLogger(config.logLevel, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  const metrics = workerMetricsAddress(config);
  if (metrics) logger.log('Temporal SDK metrics served', { url: `http://${metrics}/metrics` });
}

void bootstrap().catch((error: unknown) => {
  createLogger('error', 'worker').fatal((error as Error).message);
  process.exit(1);
});
