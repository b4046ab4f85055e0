import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiTooManyRequests } from '../common/responses';
import { Connection } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { hasRole } from '@aoc/domain/actor';
import { pingDatabase } from '@aoc/persistence/repositories/monitoring';
import { Authenticator, Public } from '../auth/auth.guard';
import { RETRY_AFTER_SECONDS } from '../common/error.filter';

/** How long a probe may take: health is polled, so a dependency that hangs must not hold it. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * A poller seen this recently counts as a worker: an idle worker renews its long poll about once a
 * minute, and Temporal lists a poller for some minutes after it last polled (a crashed worker too).
 */
const POLLER_FRESH_MS = 90_000;

/** temporal.api.enums.v1.TaskQueueType: the worker polls its task queue for both. */
const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 } as const;

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

async function check(probe: () => Promise<Record<string, unknown> | void>): Promise<Check> {
  const started = Date.now();
  try {
    const details = await Promise.race([
      probe(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`timed out after ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS).unref(),
      ),
    ]);
    return { status: 'up', latencyMs: Date.now() - started, ...(details ?? {}) };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Connection) private readonly temporal: Connection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Readiness: 200 when PostgreSQL and Temporal answer and a worker polls the task queue (so decisions will be processed), else 503. Public: `{status}`; with an admin bearer token, the checks too',
    // Public: no bearer token needed (the document's default is bearer authentication).
    security: [],
  })
  @ApiOkResponse({
    description: 'PostgreSQL and Temporal answer, a worker polls: `{status: "ok"}` (with `checks` for an admin)',
  })
  @ApiServiceUnavailableResponse({
    description: 'a dependency does not answer, or no worker polls; retry after Retry-After seconds',
  })
  @ApiTooManyRequests()
  async health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const [postgres, temporal, worker] = await Promise.all([
      check(() => pingDatabase(this.db.manager)),
      // The gRPC call itself carries the deadline, so that a hanging server leaves no call (and
      // retries) running after the answer. Not ensureConnected(): it remembers a first failure.
      check(async () => {
        const info = await this.temporal.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
          this.temporal.workflowService.describeNamespace({ namespace: this.config.temporal.namespace }),
        );
        return { namespace: info.namespaceInfo?.name, address: this.config.temporal.address };
      }),
      // Green means decisions will be processed: a worker polls the task queue (issue 12).
      check(() => this.workerPolls()),
    ]);
    const ready = postgres.status === 'up' && temporal.status === 'up' && worker.status === 'up';
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (!ready) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const status = ready ? 'ok' : 'unavailable';
    const actor = await this.authenticator.optionalActor(req);
    // Versions, addresses and error texts help an attacker: only admins see them.
    return actor && hasRole(actor, 'admin') ? { status, checks: { postgres, temporal, worker } } : { status };
  }

  /** How many workers poll the task queue for workflow and for activity tasks; throws when either has none. */
  private async workerPolls(): Promise<Record<string, unknown>> {
    const { namespace, taskQueue } = this.config.temporal;
    const deadline = Date.now() + PROBE_TIMEOUT_MS;
    const pollers = await Promise.all(
      Object.entries(TASK_QUEUE_TYPES).map(async ([kind, taskQueueType]) => {
        const queue = await this.temporal.withDeadline(deadline, () =>
          this.temporal.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType }),
        );
        const recent = (queue.pollers ?? []).filter(
          (p) => Date.now() - (optionalTsToMs(p.lastAccessTime) ?? 0) < POLLER_FRESH_MS,
        );
        return [kind, recent.length] as const;
      }),
    );
    const idle = pollers.filter(([, count]) => count === 0).map(([kind]) => kind);
    if (idle.length > 0) throw new Error(`no worker polls the task queue ${taskQueue} for ${idle.join(' and ')} tasks`);
    return { taskQueue, pollers: Object.fromEntries(pollers) };
  }
}
