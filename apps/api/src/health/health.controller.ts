import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/src/config.module';
import type { AppConfig } from '../../../../libs/config/src/config.schema';
import { Public } from '../auth/auth.guard';

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
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3_000).unref()),
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
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Readiness: 200 when PostgreSQL and Temporal both answer, else 503' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal] = await Promise.all([
      check(async () => {
        await this.db.query('SELECT 1');
      }),
      check(async () => {
        await this.temporal.ensureConnected();
        const info = await this.temporal.workflowService.describeNamespace({
          namespace: this.config.temporal.namespace,
        });
        return { namespace: info.namespaceInfo?.name, address: this.config.temporal.address };
      }),
    ]);
    const ready = postgres.status === 'up' && temporal.status === 'up';
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ok' : 'unavailable', checks: { postgres, temporal } };
  }
}
