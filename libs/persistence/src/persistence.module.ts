import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { createDataSource } from './data-source';

/** Provides the initialised DataSource and closes its pool on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dataSource = createDataSource(config.databaseUrl);
        try {
          return await dataSource.initialize();
        } catch (error) {
          const host = new URL(config.databaseUrl).host;
          throw new Error(
            `cannot connect to PostgreSQL at ${host}: ${(error as Error).message}. Is it running? Check DATABASE_URL, or use \`npm start\` for the embedded one.`,
          );
        }
      },
    },
  ],
  exports: [DataSource],
})
export class PersistenceModule implements OnApplicationShutdown {
  private readonly logger = new Logger(PersistenceModule.name);
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.logger.log('database pool closed');
  }
}
