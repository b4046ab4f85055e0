import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, raw } from 'express';
import helmet from 'helmet';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { refuseUnsafeInput, verifyJsonBody } from './common/input-guard.middleware';
import { createValidationPipe } from './common/validation';
import { MAX_RECORD_PDF_BYTES } from './publication/public-api.controller';
import { OUTSIDE_API_PREFIX } from './server-routes';
import { serveWebApp } from './web-app';

/** The routes outside the `/api` prefix (server-routes.ts). */
export { OUTSIDE_API_PREFIX };

/** Builds the HTTP application exactly as it runs: used by main.ts and by the e2e tests. */
export async function createHttpApp(logger: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  // Security headers on every response, refusals by the parser included. The CSP is helmet's
  // default (scripts and styles from 'self', which the Swagger UI at /api/docs keeps to) minus
  // upgrade-insecure-requests: the API is served over plain HTTP, and upgraded requests for
  // the UI's scripts would fail.
  app.disable('x-powered-by');
  // Which proxies may say the client's address (TRUST_PROXY): req.ip, which the rate limits count
  // anonymous requests by, is then the address they forwarded (docs/operations.md, "Rate limits").
  app.set('trust proxy', app.get<symbol, AppConfig>(APP_CONFIG).trustProxy);
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // express.json itself: Nest's useBodyParser reserves the `verify` hook that limits nesting.
  // A record's PDF to verify comes as the body itself (before the JSON parser, which then skips it).
  app.use('/api/public/records/verify', raw({ type: () => true, limit: MAX_RECORD_PDF_BYTES }));
  app.use(json({ limit: '1mb', verify: verifyJsonBody }));
  app.use(refuseUnsafeInput);
  app.use(cookieParser());
  // The browser sign-in (docs/identity.md) sits at /auth/*, outside the API's prefix: its
  // redirect URI is PUBLIC_URL/auth/callback. GET /metrics stays outside /api too, where
  // Prometheus looks for it.
  app.setGlobalPrefix('api', { exclude: [...OUTSIDE_API_PREFIX] });
  // The built web app at `/` (apps/web, built into dist/web), with its routes falling back to index.html.
  serveWebApp(app, logger);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document);
  return app;
}

/**
 * The OpenAPI document of the API (served at /api/docs-json). Also built without any server by
 * `npm run generate:api` (infra/openapi/write-openapi.ts), from an app created in preview mode.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('AoC plan approval')
      .setDescription(
        'National Plans and Regional Strategies for Intercultural Dialogue through national consultation, civil society comment, secretariat review and Group of Friends endorsement.',
      )
      .setVersion('0.1.0')
      .setLicense('UNLICENSED (proprietary to the UN Alliance of Civilizations)', '')
      .addServer('/', 'this API, where it is served')
      .addBearerAuth()
      .addCookieAuth('aoc_session', {
        type: 'apiKey',
        in: 'cookie',
        description: 'the browser session of /auth/login (docs/identity.md)',
      })
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('cookie')
      .build(),
  );
}
