import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { Public, SESSION_COOKIE } from '../auth/auth.guard';
import { assertSameOrigin } from '../auth/csrf';
import { UserDirectory } from '../auth/user-directory';
import { RETRY_AFTER_SECONDS, httpStatusOf } from '../common/error.filter';
import { ApiTooManyRequests, ErrorResponse } from '../common/responses';
import { BrowserSignIn } from './browser-sign-in';
import {
  LOGIN_STATE_TTL_SECONDS,
  decodeLoginState,
  encodeLoginState,
  loginCookieName,
  safeReturnTo,
} from './login-state';
import { SessionsRepository } from '@aoc/persistence/repositories/sessions';

const CALLBACK_PATH = '/auth/callback';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Browser sign-in (docs/identity.md), outside the `/api` prefix: GET /auth/login sends the browser
 * to the OpenID Connect provider, GET /auth/callback turns its answer into a server-side session
 * (cookie `aoc_session`: HttpOnly, SameSite=Lax, Path=/, Secure in production), POST /auth/logout
 * ends it. The browser never holds a token.
 */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  private readonly cookieBase: CookieOptions;
  private readonly ttlMs: number;
  private readonly allowedOrigins: readonly string[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BrowserSignIn) private readonly signIn: BrowserSignIn,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(UserDirectory) private readonly directory: UserDirectory,
  ) {
    this.cookieBase = { httpOnly: true, sameSite: 'lax', secure: config.nodeEnv === 'production' };
    this.ttlMs = config.auth.browser.sessionTtlMs;
    this.allowedOrigins = config.auth.browser.allowedOrigins;
  }

  @Get('login')
  @Public()
  // A page the browser navigates to (302 to the provider), not an API call: documented in
  // docs/identity.md rather than in the OpenAPI document, whose operations answer 2xx.
  @ApiExcludeEndpoint()
  async login(@Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    let started: Awaited<ReturnType<BrowserSignIn['start']>>;
    try {
      started = await this.signIn.start(safeReturnTo(returnTo));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse(req, res, error); // no provider configured (404), or out of reach (503)
    }
    const { state, login, url } = started;
    res.cookie(loginCookieName(state)!, encodeLoginState(login), {
      ...this.cookieBase,
      path: CALLBACK_PATH,
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
    });
    res.redirect(HttpStatus.FOUND, url.toString());
  }

  @Get('callback')
  @Public()
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const cookie = loginCookieName(state);
      const login = cookie ? decodeLoginState((req.cookies as Record<string, string | undefined>)[cookie]) : undefined;
      if (cookie) res.clearCookie(cookie, { ...this.cookieBase, path: CALLBACK_PATH });
      if (!login) {
        throw new DomainError(
          ErrorCode.SignInFailed,
          'sign-in failed: no sign-in is in progress in this browser for this state (it took more than ' +
            `${LOGIN_STATE_TTL_SECONDS / 60} minutes, was finished already, or was started at another address: ` +
            'cookies belong to one host, and localhost is not 127.0.0.1); start again at /auth/login',
        );
      }
      // The provider's answer, refusals (`error=access_denied`) included, is checked by openid-client.
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      const identity = await this.signIn.finish(query, state, login);
      await this.directory.seen(identity);
      const session = await this.sessions.create(identity, this.ttlMs);
      res.cookie(SESSION_COOKIE, session.id, { ...this.cookieBase, path: '/', maxAge: this.ttlMs });
      res.redirect(HttpStatus.FOUND, login.returnTo);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refuse(req, res, error);
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Ends the browser session: deletes it and clears the cookie (204, also when there was none). The provider’s own session, if any, ends at its end-session URL, given in the `X-End-Session-Url` header',
    security: [],
  })
  @ApiNoContentResponse({ description: 'signed out' })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'CSRF_REJECTED: the request carries the session cookie but comes from another origin',
  })
  @ApiTooManyRequests()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const id = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
    if (id) {
      assertSameOrigin(req, this.allowedOrigins);
      await this.sessions.delete(id);
    }
    res.clearCookie(SESSION_COOKIE, { ...this.cookieBase, path: '/' });
    const endSession = await this.signIn.endSessionUrl();
    if (endSession) res.setHeader('X-End-Session-Url', endSession);
  }

  /** A refused sign-in: a small page for a browser, the usual JSON error for anything else. */
  private refuse(req: Request, res: Response, error: DomainError): void {
    const status = httpStatusOf(error.code);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    if (req.accepts(['json', 'html']) === 'html') {
      res
        .status(status)
        .type('html')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head>` +
            `<body><h1>Sign-in failed</h1><p>${escapeHtml(error.message)}</p>` +
            `<p><a href="/auth/login">Sign in again</a></p></body></html>`,
        );
      return;
    }
    res.status(status).json({ statusCode: status, code: error.code, message: error.message });
  }
}
