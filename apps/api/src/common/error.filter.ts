import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';

/** Maps each error code to its HTTP status: the one place where that happens. */
export function httpStatusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.AssigneeNotEligible:
    case ErrorCode.SignInFailed:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.CsrfRejected:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Unavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.Conflict:
    case ErrorCode.InvalidState:
    case ErrorCode.CommentWindowClosed:
    case ErrorCode.CommentAlreadyHidden:
    case ErrorCode.TaskClosed:
    case ErrorCode.TaskClaimed:
    case ErrorCode.TaskNotClaimed:
    case ErrorCode.PlanNotSubmittable:
    case ErrorCode.PlanNotEditable:
    case ErrorCode.NoDispositionPending:
    case ErrorCode.NoDeadlineRunning:
    case ErrorCode.RevisionNotExpected:
    case ErrorCode.VersionOutdated:
    case ErrorCode.SeatExists:
    case ErrorCode.RegistryEntryExists:
    case ErrorCode.ReviewEnded:
      return HttpStatus.CONFLICT;
  }
}

/**
 * Seconds a client should wait before retrying a 503 (`Retry-After`): the outages behind one
 * (Temporal, its worker, PostgreSQL) are restarts, typically over within seconds.
 */
export const RETRY_AFTER_SECONDS = 5;

const CODE_OF_STATUS: Partial<Record<number, string>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  429: 'TOO_MANY_REQUESTS',
};

const UNAVAILABLE_NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];

/**
 * A lost or refused PostgreSQL connection (network errors, SQLSTATE classes 08 and 57P), or a
 * transaction whose connection TypeORM already gave up on while the server went away.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  if ((error as { name?: unknown })?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const candidates = [error, (error as { driverError?: unknown })?.driverError];
  return candidates.some((e) => {
    const code = (e as { code?: unknown } | undefined)?.code;
    const message = (e as { message?: unknown } | undefined)?.message;
    return (
      (typeof code === 'string' && (UNAVAILABLE_NETWORK_CODES.includes(code) || /^(08|57P)/.test(code))) ||
      (typeof message === 'string' && /Connection terminated|connection timeout/i.test(message))
    );
  });
}

interface BodyParserError {
  type?: string;
  status?: number;
  /** The parser's byte limit, on `entity.too.large`. */
  limit?: number;
  message?: string;
}

/**
 * Every error leaves as `{ statusCode, code, message, errors? }`. Domain refusals and HTTP
 * errors keep their meaning; anything unexpected is logged and becomes a 500 without details.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(error);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn('unavailable', { message: body.message, cause: (error as Error)?.message ?? String(error) });
    } else if (status >= 500) {
      this.logger.error('unhandled error', { error: (error as Error)?.stack ?? String(error) });
    }
    // An answer that was to be cached (the public library's) is not, once it turns out an error.
    response.removeHeader('ETag');
    response.setHeader('Cache-Control', 'no-store');
    response.status(status).json({ statusCode: status, ...body });
  }

  private describe(error: unknown): { status: number; body: Record<string, unknown> } {
    if (error instanceof DomainError) {
      const details = error.details === undefined ? {} : { errors: error.details };
      return { status: httpStatusOf(error.code), body: { code: error.code, message: error.message, ...details } };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const raw = error.getResponse();
      const payload = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : { message: raw };
      return {
        status,
        body: {
          code: payload.code ?? CODE_OF_STATUS[status] ?? HttpStatus[status],
          message: payload.message,
          ...(payload.errors ? { errors: payload.errors } : {}),
        },
      };
    }
    const parserError = error as BodyParserError;
    if (parserError?.type === 'entity.parse.failed') {
      return { status: 400, body: { code: ErrorCode.ValidationFailed, message: 'the request body is not valid JSON' } };
    }
    if (parserError?.type === 'entity.too.large') {
      return {
        status: 413,
        body: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `the request body is too large (limit ${Math.round((parserError.limit ?? 1024 * 1024) / (1024 * 1024))} MB)`,
        },
      };
    }
    if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return { status: parserError.status, body: { code: ErrorCode.ValidationFailed, message: parserError.message } };
    }
    if (isDatabaseUnavailable(error)) {
      return {
        status: 503,
        body: {
          code: ErrorCode.Unavailable,
          message: 'the database is unavailable; nothing was changed, retry shortly',
        },
      };
    }
    return { status: 500, body: { code: 'INTERNAL', message: 'an unexpected error occurred; it has been logged' } };
  }
}
