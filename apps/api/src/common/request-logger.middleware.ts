import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/**
 * One structured log line per request: method, path, status, duration and the acting user. Health
 * probes are logged only when they answer 503, at info level.
 */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  private readonly logger = new Logger('http');

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const fields = {
        method: request.method,
        path: request.originalUrl,
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1_000,
        actor: (request as AuthenticatedRequest).actor?.sub,
      };
      // A probe's 503 is an answer (not ready yet: a worker still starting), not a failure of the API.
      if (request.path === '/api/health') {
        if (response.statusCode >= 500) this.logger.log('health: not ready', fields);
      } else if (response.statusCode >= 500) this.logger.error('request failed', fields);
      else this.logger.log('request', fields);
    });
    next();
  }
}
