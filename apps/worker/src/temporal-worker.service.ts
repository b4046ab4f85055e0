import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { Mailer } from '@aoc/notifications/mailer';
import { createWorker } from './worker.factory';

/**
 * Owns the Temporal Worker's lifecycle inside Nest: created on module init, run on
 * bootstrap, shut down and awaited on shutdown. If the run loop fails, the process exits.
 */
@Injectable()
export class TemporalWorkerService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;
  private mailer?: Mailer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    try {
      this.connection = await NativeConnection.connect({ address });
    } catch (error) {
      throw new Error(
        `cannot reach Temporal at ${address}: ${(error as Error).message}. Is the server running? Check TEMPORAL_ADDRESS, or use \`npm start\`.`,
      );
    }
    this.logger.log('bundling workflows', { namespace, taskQueue });
    this.mailer = new Mailer(this.config.notifications.smtpUrl, this.config.notifications.mailFrom);
    this.worker = await createWorker(this.connection, this.config, this.dataSource, this.mailer);
  }

  onApplicationBootstrap(): void {
    const worker = this.worker!;
    this.running = worker.run().catch((error: unknown) => {
      this.logger.fatal('worker stopped with an error', { error: (error as Error).message });
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log('worker polling', { taskQueue: this.config.temporal.taskQueue, state: worker.getState() });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
    this.mailer?.close();
    this.logger.log('worker stopped');
  }
}
