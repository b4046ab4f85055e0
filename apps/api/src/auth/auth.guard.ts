import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import { InvalidTokenError, verifyToken } from '@aoc/auth/jwt';

const PUBLIC = 'isPublic';
/** Marks a route that needs no bearer token (health). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Whether the route handling `context` is marked @Public(). */
export const isPublicRoute = (reflector: Reflector, context: ExecutionContext): boolean =>
  reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) === true;

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The actor of a request's bearer token; rejects with UnauthorizedException saying what is wrong. */
export async function authenticate(request: Request, secret: string): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    throw new UnauthorizedException('a bearer token is required: send `Authorization: Bearer <token>`');
  }
  try {
    return await verifyToken(header.slice('Bearer '.length).trim(), secret);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new UnauthorizedException(`invalid token: ${error.message}`);
    throw error;
  }
}

/** The actor of a request's bearer token, or undefined when it has none or a bad one. */
export async function optionalActor(request: Request, secret: string): Promise<Actor | undefined> {
  try {
    return await authenticate(request, secret);
  } catch (error) {
    if (error instanceof UnauthorizedException) return undefined;
    throw error;
  }
}

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.actor = await authenticate(request, this.config.auth.jwtSecret);
    return true;
  }
}
