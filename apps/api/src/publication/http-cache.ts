import type { Request, Response } from 'express';

/** How long a shared cache may serve a public answer before asking again (with its ETag). */
const MAX_AGE_SECONDS = 60;

/**
 * Answers 304 when the client already holds `etag` (If-None-Match), before anything is read or
 * rendered; otherwise sets the ETag and `Cache-Control: public`, and the caller sends the body.
 * Answers whether the caller must still send it.
 */
export function respondUnlessFresh(req: Request, res: Response, etag: string): boolean {
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
  res.setHeader('Vary', 'Accept-Language');
  const held = req.header('if-none-match');
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return false;
  }
  return true;
}
