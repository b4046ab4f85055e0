import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

/** A request that no route took (an unknown path, or refused before routing): one series for all. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The duration of every HTTP request by method, route pattern (`/api/plans/:id`, never the raw
 * URL: one series per route, however many plans) and status.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.duration = metrics.httpRequestDuration;
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const end = this.duration.startTimer();
    response.on('finish', () => {
      // Express sets `route` on the request when a route handles it; its path is the pattern.
      const route = (request.route as { path?: unknown } | undefined)?.path;
      end({
        method: request.method,
        route: typeof route === 'string' ? `${request.baseUrl}${route}` : UNMATCHED_ROUTE,
        status: String(response.statusCode),
      });
    });
    next();
  }
}
