import { Controller, Get, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { Public } from '../auth/auth.guard';
import { MetricsRegistry } from './metrics.registry';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /metrics, outside /api: the Prometheus text format. Open, as scrape endpoints usually are
 * (keep it off the public network: docs/monitoring.md), unless METRICS_TOKEN is set; then only
 * `Authorization: Bearer <METRICS_TOKEN>` reads it. Not in the OpenAPI document: it is for
 * Prometheus, not for the API's clients.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metrics.token;
    if (token !== undefined) {
      const header = req.headers.authorization ?? '';
      if (!header.startsWith('Bearer ') || !sameSecret(header.slice('Bearer '.length).trim(), token)) {
        throw new UnauthorizedException('GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`');
      }
    }
    const text = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  }
}
