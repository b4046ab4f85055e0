import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '@aoc/config/config.schema';
import { isPublicRoute, optionalActor } from './auth.guard';

const MINUTE_MS = 60_000;
/** The throttler that counts only requests that will fail authentication (answered 401). */
export const AUTH_FAILURES = 'auth-failures';

/**
 * Rate limits per client (IP address), over all routes together: RATE_LIMIT_PER_MINUTE requests
 * a minute in all, and AUTH_FAILURE_LIMIT_PER_MINUTE requests a minute that fail authentication.
 * Past either, the client gets 429 with Retry-After until the minute is over.
 */
export function rateLimitOptions(config: AppConfig, reflector: Reflector): ThrottlerModuleOptions {
  const failsAuthentication = (context: ExecutionContext) =>
    !isPublicRoute(reflector, context) &&
    optionalActor(context.switchToHttp().getRequest<Request>(), config.auth.jwtSecret) === undefined;
  return {
    throttlers: [
      { name: 'default', ttl: MINUTE_MS, limit: config.rateLimits.perMinute },
      {
        name: AUTH_FAILURES,
        ttl: MINUTE_MS,
        limit: config.rateLimits.authFailuresPerMinute,
        skipIf: (context) => !failsAuthentication(context),
      },
    ],
    // One budget per client and throttler, whatever the route.
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: (_context, detail: ThrottlerLimitDetail) =>
      detail.key.startsWith(`${AUTH_FAILURES}:`)
        ? `too many requests without a valid bearer token from this client (limit ${detail.limit} a minute); ` +
          'retry after the seconds in Retry-After, with a valid token'
        : `too many requests from this client (limit ${detail.limit} a minute); retry after the seconds in Retry-After`,
  };
}

/**
 * The library's guard, with one change: a throttler other than the default names its
 * Retry-After header after itself (`Retry-After-auth-failures`); clients know only `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override setResponseHeader(res: Record<string, unknown>, name: string, value: string | number): void {
    super.setResponseHeader(res, name.startsWith('Retry-After') ? 'Retry-After' : name, value);
  }
}
