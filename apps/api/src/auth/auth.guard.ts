import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '@aoc/domain/actor';
import { InvalidTokenError } from '@aoc/auth/jwt';
import { TokenVerifier } from '@aoc/auth/token-verifier';
import type { Identity } from '@aoc/auth/claims';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { SessionsRepository } from '@aoc/persistence/repositories/sessions';
import { assertSameOrigin } from './csrf';
import { UserDirectory } from './user-directory';

const PUBLIC = 'isPublic';
/** Marks a route that needs no credentials (health, the sign-in routes). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Whether the route handling `context` is marked @Public(). */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;

/** The cookie that carries a browser session's id (docs/identity.md). */
export const SESSION_COOKIE = 'aoc_session';

/** How a request proved who it is. */
export interface Authentication {
  identity: Identity;
  via: 'bearer' | 'session';
  /** For a session: when it ends. */
  expiresAt?: Date;
}

export type AuthenticatedRequest = Request & { actor?: Actor; authentication?: Authentication };

const cookieOf = (request: Request, name: string): string | undefined => {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The identity of a request's bearer token; rejects with UnauthorizedException saying what is wrong. */
async function bearerIdentity(header: string, verifier: TokenVerifier): Promise<Identity> {
  if (!header.startsWith('Bearer ')) {
    throw new UnauthorizedException('the Authorization header must be `Bearer <token>`');
  }
  try {
    return await verifier.verify(header.slice('Bearer '.length).trim());
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      throw new UnauthorizedException(`invalid token (${error.code}): ${error.message}`);
    }
    throw error;
  }
}

/**
 * Who a request comes from: its bearer token (`Authorization: Bearer`) if it sends one, else its
 * session cookie (`aoc_session`). A state-changing request that the cookie authenticates must
 * come from the API's own origin or an allowed one (assertSameOrigin, the CSRF check). The
 * result is kept per request, so that the rate limiter and the guard look it up once.
 */
@Injectable()
export class Authenticator {
  private readonly results = new WeakMap<Request, Promise<Authentication>>();
  private readonly allowedOrigins: readonly string[];

  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.allowedOrigins = config.auth.browser.allowedOrigins;
  }

  /** Rejects with UnauthorizedException (401), DomainError CSRF_REJECTED (403) or UNAVAILABLE (503). */
  authenticate(request: Request): Promise<Authentication> {
    let result = this.results.get(request);
    if (!result) {
      result = this.lookUp(request);
      this.results.set(request, result);
    }
    return result;
  }

  /** The actor of a request, or undefined when it has no valid credentials, or they cannot be checked now. */
  async optionalActor(request: Request): Promise<Actor | undefined> {
    try {
      return (await this.authenticate(request)).identity.actor;
    } catch (error) {
      if (error instanceof UnauthorizedException) return undefined;
      if (error instanceof DomainError && [ErrorCode.Unavailable, ErrorCode.CsrfRejected].includes(error.code)) {
        return undefined;
      }
      throw error;
    }
  }

  private async lookUp(request: Request): Promise<Authentication> {
    const header = request.headers.authorization;
    if (header !== undefined) return { identity: await bearerIdentity(header, this.verifier), via: 'bearer' };
    const sessionId = cookieOf(request, SESSION_COOKIE);
    if (sessionId === undefined) {
      throw new UnauthorizedException(
        'sign in: send `Authorization: Bearer <token>`, or sign in with a browser at /auth/login for a session cookie',
      );
    }
    // Before the session is looked up: a forged cross-site request learns nothing about it.
    assertSameOrigin(request, this.allowedOrigins);
    const session = await this.sessions.find(sessionId);
    if (!session) {
      throw new UnauthorizedException(
        `the session has expired or was ended (or the ${SESSION_COOKIE} cookie is not one of ours): sign in again at /auth/login`,
      );
    }
    return { identity: session.identity, via: 'session', expiresAt: session.expiresAt };
  }
}

/** Global guard: every route needs a valid bearer token or session cookie unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(UserDirectory) private readonly directory: UserDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authentication = await this.authenticator.authenticate(request);
    // A scope the registry doesn't know is not honoured: such a user holds no task (DOMAIN §12).
    request.actor = await this.directory.honoured(authentication.identity.actor);
    request.authentication = authentication;
    // A session's user was recorded at sign-in; a bearer token's, at most once a minute.
    if (authentication.via === 'bearer') await this.directory.seen(authentication.identity);
    return true;
  }
}
