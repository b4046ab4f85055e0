import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { deadlineBoundedRetryInterceptor } from './deadline-retry';
import { ReviewGateway } from './review.gateway';

/**
 * The Temporal client. The connection is lazy so that the API starts (and reports an
 * unhealthy Temporal in /api/health) even while the server is still coming up. Every call
 * through it carries a deadline (TEMPORAL_CALL_TIMEOUT, see ReviewGateway), and its retries
 * stop at that deadline.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        Connection.lazy({
          address: config.temporal.address,
          connectTimeout: config.temporal.callTimeoutMs,
          interceptors: [deadlineBoundedRetryInterceptor()],
        }),
    },
    {
      provide: Client,
      inject: [Connection, APP_CONFIG],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.temporal.namespace }),
    },
    ReviewGateway,
  ],
  exports: [Client, Connection, ReviewGateway],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
