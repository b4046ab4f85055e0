import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { notFound } from '@aoc/domain/domain-error';
import { FIELDS_OF_ACTION, participatingCountries, type PlanContent, type PlanKind } from '@aoc/domain/plan.types';
import { publicComment, publicTimeline, type PublicStatus } from '@aoc/domain/publication.rules';
import type { PublicComment, PublicTimelineEntry, RecordVerification } from '@aoc/domain/publication.types';
import {
  listSigningKeys,
  readRecord,
  readRecordFile,
  type IssuedRecord,
  type RecordFile,
} from '@aoc/persistence/repositories/adoption-records';
import {
  allEndorsedPlans,
  libraryFacets,
  plansOpenForComment,
  publicationStamp,
  readPublicPlan,
  searchEndorsedPlans,
  type LibraryCursor,
  type LibraryEntry,
  type LibraryFacets,
  type OpenForComment,
} from '@aoc/persistence/repositories/publication';
import { organizationNames } from '@aoc/persistence/repositories/registry';
import { isRecordId } from '@aoc/publication/record-id';
import type { PublishedKey } from '@aoc/publication/record-keys';
import { verifyRecordPdf } from '@aoc/publication/verify-record';
import { LibraryQuery } from './dto/library.query';

/** A plan as the public sees it (DOMAIN §10): the library's page and JSON, and nothing more. */
export interface PublicPlanView {
  id: string;
  status: PublicStatus;
  kind: PlanKind;
  title: string;
  summary: string;
  countries: string[];
  version: { number: number; hash: string };
  content: PlanContent;
  /** The names of the organizations the page names (partners, commenting organizations; registry ids), by id. */
  organizationNames: Record<string, string>;
  endorsedAt?: string;
  commentWindowClosesAt?: string;
  timeline: PublicTimelineEntry[];
  comments: PublicComment[];
  record?: { id: string; issuedAt: string; url: string; pdf: string };
  url: string;
}

export interface LibraryPage {
  items: (LibraryEntry & { url: string })[];
  /** The cursor of the next page; absent on the last. */
  next?: string;
}

export interface RecordView {
  record: IssuedRecord;
  title: string;
  kind: PlanKind;
  countries: string[];
  languages: string[];
  url: string;
  pdf: string;
  planUrl: string;
}

/** An ETag: a digest of what the answer is made of, so that any change of them changes it. */
export const etagOf = (...parts: (string | number | undefined)[]) =>
  `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;

const encodeCursor = (c: LibraryCursor) => Buffer.from(`${c.endorsedAt}|${c.id}`).toString('base64url');

function decodeCursor(text: string | undefined): LibraryCursor | undefined {
  if (!text) return undefined;
  const [endorsedAt, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const valid = !Number.isNaN(Date.parse(endorsedAt ?? '')) && /^[0-9a-f-]{36}$/.test(id ?? '');
  return valid ? { endorsedAt, id } : undefined;
}

/**
 * The public library (DOMAIN §10): what the pages, the JSON, the feed and the CSV show, and the
 * records and their verification. Reads only; what is public is decided by the domain's rules.
 */
@Injectable()
export class PublicationService {
  private facetsCache?: { stamp: string; facets: LibraryFacets };

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The service's public address, for canonical links and the feed. */
  get publicUrl(): string {
    return this.config.records.publicUrl;
  }

  planUrl = (id: string) => `${this.publicUrl}/public/plans/${id}`;
  recordUrl = (id: string) => `${this.publicUrl}/public/records/${id}`;

  /** What every list of the library is made of now (the last event of the log). */
  libraryStamp(): Promise<string> {
    return publicationStamp(this.db.manager);
  }

  planStamp(id: string): Promise<string> {
    return publicationStamp(this.db.manager, id);
  }

  async library(query: LibraryQuery): Promise<LibraryPage> {
    const cursor = decodeCursor(query.cursor);
    const { q, country, kind, field, topic, year } = query;
    // A form's empty `limit=` leaves the default.
    const limit = query.limit ?? new LibraryQuery().limit;
    const rows = await searchEndorsedPlans(
      this.db.manager,
      { q, country, kind, field, topic, year },
      limit + 1,
      cursor,
    );
    const items = rows.slice(0, limit).map((r) => ({ ...r, url: this.planUrl(r.id) }));
    const last = items.at(-1);
    return {
      items,
      ...(rows.length > limit && last
        ? { next: encodeCursor({ endorsedAt: last.endorsedAt.toISOString(), id: last.id }) }
        : {}),
    };
  }

  /** The filters' choices, computed again only when the log has moved. */
  async facets(stamp: string): Promise<LibraryFacets> {
    if (this.facetsCache?.stamp !== stamp) {
      this.facetsCache = { stamp, facets: await libraryFacets(this.db.manager) };
    }
    return this.facetsCache.facets;
  }

  openForComment(): Promise<OpenForComment[]> {
    return plansOpenForComment(this.db.manager);
  }

  /** A public plan, or 404 for anything the public may not see (a draft, another stage, a withdrawn plan…). */
  async plan(id: string): Promise<PublicPlanView> {
    const plan = await readPublicPlan(this.db.manager, id);
    if (!plan) {
      throw notFound(`no public plan ${id}: the library shows endorsed plans and plans open for civil society comment`);
    }
    const { content } = plan.version;
    const organizationIds = [
      ...content.partners,
      ...FIELDS_OF_ACTION.flatMap((field) => content.fields[field].actions.flatMap((a) => a.partners)),
      ...plan.comments.map((c) => c.org),
    ];
    return {
      id: plan.id,
      status: plan.status,
      kind: plan.kind,
      title: content.title,
      summary: content.summary,
      countries: participatingCountries(content),
      version: { number: plan.version.number, hash: plan.version.hash },
      content,
      organizationNames: await organizationNames(this.db.manager, organizationIds),
      ...(plan.endorsedAt ? { endorsedAt: plan.endorsedAt.toISOString() } : {}),
      ...(plan.commentWindowClosesAt ? { commentWindowClosesAt: plan.commentWindowClosesAt.toISOString() } : {}),
      timeline: publicTimeline(plan.events),
      comments: plan.comments.map(publicComment),
      ...(plan.record
        ? {
            record: {
              id: plan.record.id,
              issuedAt: plan.record.issuedAt.toISOString(),
              url: this.recordUrl(plan.record.id),
              pdf: `${this.recordUrl(plan.record.id)}.pdf`,
            },
          }
        : {}),
      url: this.planUrl(plan.id),
    };
  }

  /** Every endorsed plan as CSV (RFC 4180, UTF-8 with a header row): the library's open data. */
  async csv(): Promise<string> {
    const rows = await allEndorsedPlans(this.db.manager);
    return stringify(
      rows.map((r) => [
        r.id,
        r.title,
        r.kind,
        r.countries.join(' '),
        r.endorsedAt.toISOString(),
        r.versionNumber,
        r.versionHash,
        r.recordId ?? '',
      ]),
      {
        header: true,
        columns: ['id', 'title', 'kind', 'countries', 'endorsed_at', 'version', 'version_hash', 'record_id'],
        record_delimiter: 'windows',
      },
    );
  }

  async record(recordId: string): Promise<RecordView> {
    const record = isRecordId(recordId) ? await readRecord(this.db.manager, recordId) : undefined;
    if (!record) throw notFound(`no adoption record ${recordId}: check the identifier printed on the record`);
    const content = JSON.parse(record.canonical) as { content: PlanContent; kind: PlanKind };
    const file = await readRecordFile(this.db.manager, recordId);
    return {
      record,
      title: content.content.title,
      kind: content.kind,
      countries: participatingCountries(content.content),
      languages: file ? [file.language] : [],
      url: this.recordUrl(recordId),
      pdf: `${this.recordUrl(recordId)}.pdf`,
      planUrl: this.planUrl(record.planId),
    };
  }

  async recordPdf(recordId: string, language?: string): Promise<RecordFile> {
    const file = isRecordId(recordId) ? await readRecordFile(this.db.manager, recordId, language) : undefined;
    if (!file) throw notFound(`no adoption record ${recordId}: check the identifier printed on the record`);
    return file;
  }

  /** The keys that have signed records, each with its validity. */
  async publishedKeys(): Promise<PublishedKey[]> {
    return (await listSigningKeys(this.db.manager)).map((k) => ({
      keyId: k.keyId,
      publicJwk: k.publicJwk as unknown as JWK,
      validFrom: k.validFrom.toISOString(),
      ...(k.validUntil ? { validUntil: k.validUntil.toISOString() } : {}),
    }));
  }

  /** Whether a PDF is one of our records, unchanged (NotAPdfError when it isn't a PDF at all). */
  async verify(pdf: Buffer): Promise<RecordVerification> {
    return verifyRecordPdf(pdf, await this.publishedKeys());
  }
}
