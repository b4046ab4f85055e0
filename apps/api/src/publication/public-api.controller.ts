import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { invalid } from '@aoc/domain/domain-error';
import { toJwks } from '@aoc/publication/record-keys';
import { NotAPdfError } from '@aoc/publication/verify-record';
import { Public } from '../auth/auth.guard';
import { UuidParam } from '../common/request-params';
import { ApiTooManyRequests, ErrorResponse } from '../common/responses';
import { LibraryQuery } from './dto/library.query';
import {
  LibraryPageResponse,
  PublicPlanResponse,
  PublicRecordResponse,
  RecordVerificationResponse,
} from './dto/public.responses';
import { respondUnlessFresh } from './http-cache';
import { etagOf, PublicationService } from './publication.service';

/** The largest PDF the verification takes. */
export const MAX_RECORD_PDF_BYTES = 10 * 1024 * 1024;

/**
 * The public library as open data (DOMAIN §10): no sign-in, cacheable (ETag and
 * `Cache-Control: public`; a repeat with If-None-Match gets 304). Served at /api/public (the path is
 * spelled out and kept out of the global prefix, because the HTML pages own /public).
 */
@ApiTags('public')
@Public()
@ApiTooManyRequests()
@Controller('api/public')
export class PublicApiController {
  constructor(@Inject(PublicationService) private readonly publication: PublicationService) {}

  @Get('plans')
  @ApiOperation({
    summary: 'The library: endorsed plans, newest endorsement first, searched and filtered; pages by cursor',
    security: [],
  })
  @ApiOkResponse({ type: LibraryPageResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'a filter is malformed; the message says which' })
  async list(@Query() query: LibraryQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const stamp = await this.publication.libraryStamp();
    if (!respondUnlessFresh(req, res, etagOf('library.json', stamp, req.originalUrl))) return;
    res.json(await this.publication.library(query));
  }

  @Get('plans.csv')
  @ApiOperation({
    summary: 'Every endorsed plan as CSV: id, title, kind, countries, endorsed_at, version, version_hash, record_id',
    security: [],
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'RFC 4180 CSV, UTF-8, a header row first', schema: { type: 'string' } })
  async csv(@Req() req: Request, @Res() res: Response): Promise<void> {
    const stamp = await this.publication.libraryStamp();
    if (!respondUnlessFresh(req, res, etagOf('plans.csv', stamp))) return;
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="endorsed-plans.csv"');
    res.send(await this.publication.csv());
  }

  @Get('plans/:id')
  @ApiOperation({
    summary:
      'A public plan: endorsed, or open for civil society comment; its version, timeline (outcomes only), comments and record',
    security: [],
  })
  @ApiOkResponse({ type: PublicPlanResponse })
  @ApiNotFoundResponse({
    type: ErrorResponse,
    description: 'no such plan, or not public (a draft, another stage, withdrawn, rejected, cancelled)',
  })
  async plan(@UuidParam() id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const stamp = await this.publication.planStamp(id);
    if (!respondUnlessFresh(req, res, etagOf('plan.json', id, stamp))) return;
    res.json(await this.publication.plan(id));
  }

  @Get('records/:recordId')
  @ApiOperation({ summary: 'An adoption record: its canonical data, digest, signature and key', security: [] })
  @ApiOkResponse({ type: PublicRecordResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'no record with this identifier' })
  async record(@Param('recordId') recordId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // A record never changes: its id is its ETag.
    if (!respondUnlessFresh(req, res, etagOf('record.json', recordId))) return;
    const { record, title, pdf, url } = await this.publication.record(recordId);
    res.json({
      id: record.id,
      planId: record.planId,
      title,
      versionNumber: record.versionNumber,
      versionHash: record.versionHash,
      issuedAt: record.issuedAt.toISOString(),
      dataSha256: record.dataSha256,
      dataSignature: record.dataSignature,
      keyId: record.keyId,
      canonical: record.canonical,
      pdf,
      url,
    });
  }

  @Post('records/verify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Verify an adoption record: send its PDF as the body. 200 with `authentic: true` and what it records, or `authentic: false` and why',
    security: [],
  })
  @ApiConsumes('application/pdf')
  @ApiBody({ description: 'the PDF, as it was downloaded', schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: RecordVerificationResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'the body is empty, or not a PDF' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'the body is over 10 MB' })
  async verify(@Req() req: Request): Promise<unknown> {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw invalid('send the record’s PDF as the request body (Content-Type: application/pdf)');
    }
    try {
      return await this.publication.verify(body);
    } catch (error) {
      if (error instanceof NotAPdfError) throw invalid(`${error.message}: send the adoption record’s PDF`);
      throw error;
    }
  }
}

/** The public keys that sign adoption records, with each one's validity (a JWKS). */
@ApiTags('public')
@Public()
@ApiTooManyRequests()
@Controller('.well-known')
export class RecordKeysController {
  constructor(@Inject(PublicationService) private readonly publication: PublicationService) {}

  @Get('record-keys.json')
  @ApiOperation({
    summary:
      'The keys that sign adoption records (JWKS, Ed25519), each with valid_from and valid_until; rotated keys stay',
    security: [],
  })
  @ApiOkResponse({ description: '{ keys: [{ kty, crv, x, kid, alg, use, valid_from, valid_until? }] }' })
  async keys(@Req() req: Request, @Res() res: Response): Promise<void> {
    const keys = await this.publication.publishedKeys();
    if (!respondUnlessFresh(req, res, etagOf('keys', ...keys.map((k) => `${k.keyId}:${k.validUntil ?? ''}`)))) return;
    res.json(toJwks(keys));
  }
}
