import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '@aoc/config/config.schema';
import { Authenticator, isPublicRoute } from './auth.guard';

const MINUTE_MS = 60_000;
/** The throttler that counts only requests that will fail authentication (answered 401). */
export const AUTH_FAILURES = 'auth-failures';

/**
 * Rate limits per client, over all routes together: RATE_LIMIT_PER_MINUTE requests a minute in
 * all, and AUTH_FAILURE_LIMIT_PER_MINUTE requests a minute that fail authentication. A client is
 * the signed-in user (its `sub`, whatever address it calls from: behind a proxy or an ingress,
 * everyone shares the proxy's address), else the address (`req.ip`, which TRUST_PROXY decides:
 * the connection's peer, or the address the trusted proxies forwarded). Past either limit, the
 * client gets 429 with Retry-After until the minute is over. The counts are each API process's
 * own (docs/operations.md, "Rate limits").
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: 'default', ttl: MINUTE_MS, limit: config.rateLimits.perMinute },
      // Counts only what fails authentication: RateLimitGuard.handleRequest skips the rest (not
      // `skipIf`, which must answer synchronously, while verifying a token is asynchronous).
      { name: AUTH_FAILURES, ttl: MINUTE_MS, limit: config.rateLimits.authFailuresPerMinute },
    ],
    // One budget per client and throttler, whatever the route.
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    errorMessage: (_context, detail: ThrottlerLimitDetail) =>
      detail.key.startsWith(`${AUTH_FAILURES}:`)
        ? `too many requests without valid credentials from this address (limit ${detail.limit} a minute); ` +
          'retry after the seconds in Retry-After, with a valid token or session'
        : detail.tracker.startsWith('user:')
          ? `too many requests from this user (limit ${detail.limit} a minute); retry after the seconds in Retry-After`
          : `too many requests from this address (limit ${detail.limit} a minute); retry after the seconds in Retry-After, or sign in`,
  };
}

/**
 * The library's guard, with two changes: the AUTH_FAILURES throttler counts only requests that
 * will fail authentication; and a throttler other than the default names its Retry-After header
 * after itself (`Retry-After-auth-failures`), while clients know only `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storageService: ThrottlerStorage,
    reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {
    super(options, storageService, reflector);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name === AUTH_FAILURES && !(await this.failsAuthentication(request.context))) return true;
    return super.handleRequest(request);
  }

  /** The client a request counts against: `user:<sub>` when it authenticates, else `ip:<address>`. */
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as Request;
    const actor = await this.authenticator.optionalActor(req);
    return actor ? `user:${actor.sub}` : `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
  }

  private async failsAuthentication(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return false;
    return (await this.authenticator.optionalActor(context.switchToHttp().getRequest<Request>())) === undefined;
  }

  protected override setResponseHeader(res: Record<string, unknown>, name: string, value: string | number): void {
    super.setResponseHeader(res, name.startsWith('Retry-After') ? 'Retry-After' : name, value);
  }
}
