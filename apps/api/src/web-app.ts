import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { static as serveStatic } from 'express';
import { isServerPath } from './server-routes';

/** Where `npm run build:web` writes the web app: dist/web, beside dist/apps (WEB_APP_DIR overrides). */
export function webAppDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEB_APP_DIR?.trim() || path.resolve(__dirname, '..', '..', '..', 'web');
}

/**
 * Serves the built web app at `/`, beside /api and /auth: one process, one origin. Its hashed
 * assets are cached for a year (their names change with their content); index.html is never
 * cached, and answers every other GET that asks for HTML (the app's own routes, such as
 * /tasks/<id>), never one under a path the server answers itself (server-routes.ts: /api, /auth,
 * /metrics, /public, /.well-known), nor one that does not accept HTML (a scraper, a client of the
 * API), which gets the API's 404. Without a built app (dist/web/index.html), nothing is served and the API is as before.
 */
export function serveWebApp(app: INestApplication, logger?: LoggerService | false): boolean {
  const dir = webAppDir();
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    if (logger) logger.log?.(`no web app at ${dir}: run "npm run build:web" to serve it at /`);
    return false;
  }
  const assets = serveStatic(path.join(dir, 'assets'), {
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: true,
  });
  const files = serveStatic(dir, { index: false, maxAge: 0, fallthrough: true });
  app.use('/assets', (req: Request, res: Response, next: NextFunction) => assets(req, res, next));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    if (req.path.startsWith('/assets/')) return next();
    if (path.extname(req.path) !== '') return files(req, res, next);
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
