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
import { PLAN_SEARCH_ATTRIBUTE_KEYS, cliType } from '@aoc/workflows/search-attributes';
import { NotificationConsumer } from './notifications/notification-consumer';
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
  private notifications?: NotificationConsumer;

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
    await this.assertSearchAttributes(this.connection, namespace);
    this.logger.log('bundling workflows', { namespace, taskQueue });
    this.mailer = new Mailer(this.config.notifications.smtpUrl, this.config.notifications.mailFrom);
    this.worker = await createWorker(this.connection, this.config, this.dataSource, this.mailer);
    this.notifications = new NotificationConsumer(
      this.dataSource,
      this.config.databaseUrl,
      this.config.notifications,
      this.mailer,
      { warn: (message, meta) => this.logger.warn(message, meta) },
    );
  }

  /**
   * The reviews upsert their search attributes at every transition: in a namespace without them
   * each upsert would fail its workflow task again and again. Refuse to start instead, saying how.
   */
  private async assertSearchAttributes(connection: NativeConnection, namespace: string): Promise<void> {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = PLAN_SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length === 0) return;
    const commands = missing.map(
      (key) =>
        `temporal operator search-attribute create --namespace ${namespace} --name ${key.name} --type ${cliType(key.type)}`,
    );
    throw new Error(
      `the Temporal namespace "${namespace}" lacks the search attributes ${missing.map((k) => k.name).join(', ')}; ` +
        `register them (npm start and the tests' dev servers do it with --search-attribute): ${commands.join('; ')}`,
    );
  }

  onApplicationBootstrap(): void {
    const worker = this.worker!;
    this.running = worker.run().catch((error: unknown) => {
      this.logger.fatal('worker stopped with an error', { error: (error as Error).message });
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log('worker polling', { taskQueue: this.config.temporal.taskQueue, state: worker.getState() });
    // The notifications of the event log, off Temporal (docs/notifications.md).
    this.notifications?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await Promise.all([this.running, this.notifications?.stop()]);
    await this.connection?.close();
    this.mailer?.close();
    this.logger.log('worker stopped');
  }
}
