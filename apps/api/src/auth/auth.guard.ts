import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '@aoc/domain/actor';
import { InvalidTokenError } from '@aoc/auth/jwt';
import { TokenVerifier } from '@aoc/auth/token-verifier';
import type { Identity } from '@aoc/auth/claims';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { UserDirectory } from './user-directory';

const PUBLIC = 'isPublic';
/** Marks a route that needs no bearer token (health). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Whether the route handling `context` is marked @Public(). */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The identity of a request's bearer token; rejects with UnauthorizedException saying what is wrong. */
export async function authenticate(request: Request, verifier: TokenVerifier): Promise<Identity> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw new UnauthorizedException('a bearer token is required: send `Authorization: Bearer <token>`');
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

/** The actor of a request's bearer token, or undefined when it has none, a bad one, or cannot be checked now. */
export async function optionalActor(request: Request, verifier: TokenVerifier): Promise<Actor | undefined> {
  try {
    return (await authenticate(request, verifier)).actor;
  } catch (error) {
    if (error instanceof UnauthorizedException) return undefined;
    if (error instanceof DomainError && error.code === ErrorCode.Unavailable) return undefined;
    throw error;
  }
}

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(UserDirectory) private readonly directory: UserDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const identity = await authenticate(request, this.verifier);
    request.actor = identity.actor;
    await this.directory.seen(identity);
    return true;
  }
}
