import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Controller,
  Get,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
  type ArgumentsHost,
  type ExceptionFilter,
  Catch,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Feed } from 'feed';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DomainError, ErrorCode } from '@aoc/domain/domain-error';
import { isRecordId } from '@aoc/publication/record-id';
import { NotAPdfError } from '@aoc/publication/verify-record';
import { Public } from '../auth/auth.guard';
import { webAppDir } from '../web-app';
import { LibraryQuery } from './dto/library.query';
import { NotFoundPageView, RecordPageView, VerifyPageView, type VerifyOutcome } from './pages/record.page';
import { LibraryPageView } from './pages/library.page';
import { formatDate, type PageContext } from './pages/layout';
import { PlanPageView } from './pages/plan.page';
import { MAX_RECORD_PDF_BYTES } from './public-api.controller';
import { respondUnlessFresh } from './http-cache';
import { isPublicLanguage, PUBLIC_LANGUAGES, translatorFor, type PublicLanguage } from './public-i18n';
import { etagOf, PublicationService } from './publication.service';

/** The page's language: `?lang=`, else the reader's Accept-Language, else English. */
function languageOf(req: Request): PublicLanguage {
  const asked = req.query.lang;
  if (isPublicLanguage(asked)) return asked;
  const accepted = req.acceptsLanguages(...PUBLIC_LANGUAGES);
  return isPublicLanguage(accepted) ? accepted : 'en';
}

/** The path and query of the request without `lang`: the page its alternates are of. */
function pathOf(req: Request): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}

/** The public stylesheet the web app's build wrote (its name carries its hash), if built. */
function publicStylesheet(): string | undefined {
  const manifest = path.join(webAppDir(), '.vite', 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, { file: string; css?: string[] }>;
  const entry = entries['src/public/public.scss'];
  const file = entry?.file.endsWith('.css') ? entry.file : entry?.css?.[0];
  return file ? `/${file}` : undefined;
}

/** Build-time facts an HTML page's ETag must change with: the stylesheet (a new build). */
const STYLESHEET = publicStylesheet();

/** The public pages' refusals are pages, not JSON: a person reads them. */
@Catch(DomainError, PayloadTooLargeException)
class PublicPageErrorFilter implements ExceptionFilter {
  catch(error: DomainError | PayloadTooLargeException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const ctx = contextOf(req);
    if (error instanceof PayloadTooLargeException) {
      const outcome = { kind: 'problem', message: ctx.t('verify.tooLarge') } as const;
      res
        .status(413)
        .type('html')
        .send(render(<VerifyPageView ctx={ctx} outcome={outcome} />));
      return;
    }
    const status = error.code === ErrorCode.NotFound ? 404 : 400;
    res
      .status(status)
      .type('html')
      .send(render(<NotFoundPageView ctx={ctx} />));
  }
}

function contextOf(req: Request): PageContext {
  const lang = languageOf(req);
  return {
    lang,
    t: translatorFor(lang),
    publicUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    path: pathOf(req),
    stylesheet: STYLESHEET,
  };
}

const render = (page: ReactElement) => `<!DOCTYPE html>${renderToStaticMarkup(page)}`;

/**
 * The public library as pages (DOMAIN §10): server-rendered HTML that reads completely without
 * JavaScript, in the reader's language, cacheable by ETag. No sign-in; outside the API's prefix.
 */
@ApiExcludeController()
@Public()
@UseFilters(PublicPageErrorFilter)
@Controller('public')
export class PublicPagesController {
  constructor(@Inject(PublicationService) private readonly publication: PublicationService) {}

  private context(req: Request): PageContext {
    return { ...contextOf(req), publicUrl: this.publication.publicUrl };
  }

  @Get()
  async library(@Query() query: LibraryQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.context(req);
    const stamp = await this.publication.libraryStamp();
    if (!respondUnlessFresh(req, res, etagOf('library.html', stamp, ctx.lang, req.originalUrl, STYLESHEET))) return;
    const [page, facets, open] = await Promise.all([
      this.publication.library(query),
      this.publication.facets(stamp),
      this.publication.openForComment(),
    ]);
    res.type('html').send(render(<LibraryPageView ctx={ctx} query={query} page={page} facets={facets} open={open} />));
  }

  @Get('feed.atom')
  async feed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.context(req);
    const stamp = await this.publication.libraryStamp();
    if (!respondUnlessFresh(req, res, etagOf('feed', stamp, ctx.lang))) return;
    const [page, open] = await Promise.all([
      this.publication.library(Object.assign(new LibraryQuery(), { limit: 50 })),
      this.publication.openForComment(),
    ]);
    const { t, lang } = ctx;
    const entries = [
      ...page.items.map((p) => ({
        id: `${p.url}#endorsed`,
        title: t('feed.endorsed', { title: p.title }),
        link: p.url,
        date: p.endorsedAt,
        description: p.summary,
      })),
      ...open.map((p) => ({
        id: `${this.publication.planUrl(p.id)}#comment-v${p.versionNumber}`,
        title: t('feed.opened', { title: p.title, date: formatDate(lang, p.closesAt) }),
        link: this.publication.planUrl(p.id),
        date: p.openedAt,
        description: p.summary,
      })),
    ].sort((a, b) => b.date.getTime() - a.date.getTime());
    const feed = new Feed({
      id: `${ctx.publicUrl}/public`,
      title: t('feed.title'),
      description: t('feed.subtitle'),
      link: `${ctx.publicUrl}/public`,
      language: lang,
      copyright: t('site.org'),
      updated: entries[0]?.date ?? new Date(0),
      generator: 'AoC plan approval',
      feedLinks: { atom: `${ctx.publicUrl}/public/feed.atom` },
    });
    for (const e of entries) feed.addItem(e);
    res.type('application/atom+xml; charset=utf-8').send(feed.atom1());
  }

  @Get('plans/:id')
  async plan(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = this.context(req);
    const stamp = await this.publication.planStamp(id);
    if (!respondUnlessFresh(req, res, etagOf('plan.html', id, stamp, ctx.lang, STYLESHEET))) return;
    const plan = await this.publication.plan(id);
    res.type('html').send(render(<PlanPageView ctx={ctx} plan={plan} />));
  }

  /** A record's page, or its PDF (`<id>.pdf`, `?lang=` for another language's once issued). */
  @Get('records/:file')
  async record(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.context(req);
    const recordId = file.replace(/\.pdf$/, '');
    if (file.endsWith('.pdf')) {
      if (!respondUnlessFresh(req, res, etagOf('record.pdf', recordId, ctx.lang))) return;
      const pdf = await this.publication.recordPdf(recordId, ctx.lang);
      res.type('application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${recordId}.pdf"`);
      res.setHeader('Content-Language', pdf.language);
      res.send(pdf.pdf);
      return;
    }
    if (!respondUnlessFresh(req, res, etagOf('record.html', recordId, ctx.lang, STYLESHEET))) return;
    const view = await this.publication.record(recordId);
    res.type('html').send(render(<RecordPageView ctx={ctx} view={view} />));
  }

  /** The verification page; `?record=<id>` looks a record up by its identifier. */
  @Get('verify')
  async verifyPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = this.context(req);
    const asked = typeof req.query.record === 'string' ? req.query.record.trim().toUpperCase() : '';
    if (asked) {
      if (isRecordId(asked)) {
        const exists = await this.publication.record(asked).then(
          () => true,
          () => false,
        );
        if (exists) return res.redirect(303, `/public/records/${asked}?lang=${ctx.lang}`);
      }
      const message = ctx.t('verify.unknownId', { id: asked.slice(0, 40) });
      res
        .status(404)
        .type('html')
        .send(render(<VerifyPageView ctx={ctx} outcome={{ kind: 'problem', message }} />));
      return;
    }
    if (!respondUnlessFresh(req, res, etagOf('verify.html', ctx.lang, STYLESHEET))) return;
    res.type('html').send(render(<VerifyPageView ctx={ctx} outcome={undefined} />));
  }

  /** The upload of the verification page (multipart/form-data, field `file`): the verdict, as a page. */
  @Post('verify')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_RECORD_PDF_BYTES, files: 1 } }))
  async verifyUpload(
    @UploadedFile() upload: { buffer: Buffer } | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const ctx = this.context(req);
    let outcome: VerifyOutcome;
    let status = 200;
    if (!upload || upload.buffer.length === 0) {
      outcome = { kind: 'problem', message: ctx.t('verify.noFile') };
      status = 400;
    } else {
      try {
        outcome = { kind: 'verified', result: await this.publication.verify(upload.buffer) };
      } catch (error) {
        if (!(error instanceof NotAPdfError)) throw error;
        outcome = { kind: 'problem', message: ctx.t('verify.notAPdf') };
        status = 400;
      }
    }
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(render(<VerifyPageView ctx={ctx} outcome={outcome} />));
  }
}
