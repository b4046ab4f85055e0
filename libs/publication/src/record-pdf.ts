import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { FIELDS_OF_ACTION, participatingCountries, type PlanAction } from '@aoc/domain/plan.types';
import type { AdoptionRecordData, PublicComment, PublicTimelineEntry } from '@aoc/domain/publication.types';
import { canonicalBytes, sha256, sha256Hex, signDigest, signDigestRaw } from './canonical-data';
import { dateFormatter, translator, type CatalogueKey, type RecordLanguage } from './record-catalogue';
import type { SigningKey } from './signing-key';
import { loadWoffFont } from './woff-font';

/** The attachment holding the record's canonical data: the bytes the data signature covers. */
export const RECORD_ATTACHMENT_NAME = 'adoption-record.json';
/**
 * What the file signature's Info entry holds until the file is sealed: as many characters as an
 * Ed25519 signature has in hex, so that sealing writes it in place and no offset moves.
 */
export const FILE_SIGNATURE_PLACEHOLDER = '0'.repeat(128);

export interface RecordPdfOptions {
  language: RecordLanguage;
  /** The public site's origin, e.g. https://plans.unaoc.org (no trailing slash needed). */
  publicUrl: string;
  key: SigningKey;
}

export interface RenderedRecord {
  pdf: Buffer;
  /** SHA-256 (hex) of the canonical data. */
  dataSha256: string;
  /** Ed25519 over that digest, base64url. */
  dataSignature: string;
  /** SHA-256 (hex) of the sealed file. */
  fileSha256: string;
  /** Ed25519 over the SHA-256 of the file with its signature entry zeroed, hex. */
  fileSignature: string;
}

const FONT_DIR = join(dirname(require.resolve('@ibm/plex-sans/package.json')), 'fonts/complete/woff');
/** The fonts, unwrapped from WOFF on first use and kept: every record embeds subsets of them. */
let loaded: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () =>
  (loaded ??= {
    regular: loadWoffFont(join(FONT_DIR, 'IBMPlexSans-Regular.woff')),
    bold: loadWoffFont(join(FONT_DIR, 'IBMPlexSans-Bold.woff')),
  });
const REGULAR = 'PlexSans';
const BOLD = 'PlexSans-Bold';

const INK = '#1a1a1a';
const MUTED = '#5a6472';
const ACCENT = '#1f4e79';
const UN_BLUE = '#009edb';
const RULE = '#b8c2cc';
const SHADE = '#f2f5f8';

const MARGIN = { top: 64, bottom: 72, left: 62, right: 62 };
const CELL_PADDING = 4;

/**
 * Renders an adoption record's PDF (DOMAIN §10) and seals it. The PDF is PDF/A-3b, because PDF/A-3
 * allows the canonical data to travel inside it as an attached file; everything on it is drawn
 * from that data alone, so every language's PDF states the same record. Rendering is
 * deterministic: the creation date is the issue date and pdfkit derives the file ID from the Info.
 */
export async function renderRecordPdf(data: AdoptionRecordData, options: RecordPdfOptions): Promise<RenderedRecord> {
  const bytes = canonicalBytes(data);
  const dataDigest = sha256(bytes);
  const dataSignature = signDigest(options.key, dataDigest);
  const unsealed = await drawRecord(data, bytes, { ...options, dataSha256: dataDigest.toString('hex'), dataSignature });
  const { pdf, fileSignature } = sealRecordPdf(unsealed, options.key);
  return { pdf, dataSha256: dataDigest.toString('hex'), dataSignature, fileSha256: sha256Hex(pdf), fileSignature };
}

/**
 * Signs the finished file: the SHA-256 of its bytes, with the signature entry still all zeros, is
 * signed and written over those zeros as hex. The signature covers every other byte of the file,
 * so any change anywhere, even in bytes a reader ignores, fails the verification.
 */
export function sealRecordPdf(unsealed: Buffer, key: SigningKey): { pdf: Buffer; fileSignature: string } {
  const offset = fileSignatureOffset(unsealed);
  if (offset === undefined) throw new Error('the rendered record has no single file signature placeholder');
  const fileSignature = signDigestRaw(key, sha256(unsealed)).toString('hex');
  const pdf = Buffer.from(unsealed);
  pdf.write(fileSignature, offset, 'latin1');
  return { pdf, fileSignature };
}

/**
 * Where the file signature's 128 characters are: inside the one PDF string that follows the
 * `/AoCFileSignature` Info entry (pdfkit writes Info values as indirect objects). Undefined when
 * there is not exactly one such string.
 */
export function fileSignatureOffset(pdf: Buffer): number | undefined {
  const text = pdf.toString('latin1');
  const entries = [...text.matchAll(/\/AoCFileSignature (\d{1,9}) 0 R/g)];
  if (entries.length !== 1) return undefined;
  const objects = [
    ...text.matchAll(new RegExp(`(?:^|[\\r\\n])${entries[0][1]} 0 obj\\s*\\(([0-9a-f]{128})\\)\\s*endobj`, 'g')),
  ];
  if (objects.length !== 1) return undefined;
  const match = objects[0];
  return (match.index ?? 0) + match[0].indexOf('(') + 1;
}

interface DrawOptions extends RecordPdfOptions {
  dataSha256: string;
  dataSignature: string;
}

type Translate = ReturnType<typeof translator>;

/**
 * Lets the event loop run between the record's parts: the worker renders in the process that runs
 * the workflows, and a second of layout in one piece would hold every decision waiting behind it.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drawRecord(data: AdoptionRecordData, canonical: Buffer, options: DrawOptions): Promise<Buffer> {
  const t = translator(options.language);
  const date = dateFormatter(options.language);
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const countries = participatingCountries(data.content).join(', ');
  const issuedAt = new Date(data.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: options.language,
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: `${t('title')}: ${data.content.title}`,
      Subject: t('meta.subject', { title: data.content.title, version: data.version.number }),
      Author: t('organization'),
      Keywords: t('meta.keywords', { kind: t(`kind.${data.kind}`), countries }),
      CreationDate: issuedAt,
      ...({
        AoCRecordId: data.recordId,
        AoCKeyId: options.key.keyId,
        AoCDataSha256: options.dataSha256,
        AoCDataSignature: options.dataSignature,
        AoCFileSignature: FILE_SIGNATURE_PLACEHOLDER,
      } as Record<string, string>),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, fonts().regular);
  doc.registerFont(BOLD, fonts().bold);
  doc.addPage();

  const page = new PageWriter(doc, t);
  drawTitleBlock(page, data, countries);
  drawVerificationBlock(page, data, { ...options, publicUrl }, date);
  await drawContent(page, data);
  await yieldToEventLoop();
  drawTimeline(page, data.timeline, date);
  await yieldToEventLoop();
  drawComments(page, data.comments, date);
  drawFooters(doc, t, data.recordId);
  await yieldToEventLoop();

  // PDF/A-3 names the attachment's role (AFRelationship); @types/pdfkit lags pdfkit here.
  const attachment: PDFKit.Mixins.PDFAttachmentOptions & { relationship: string } = {
    name: RECORD_ATTACHMENT_NAME,
    type: 'application/json',
    relationship: 'Data',
    description: t('meta.attachment'),
    creationDate: issuedAt,
    modifiedDate: issuedAt,
  };
  doc.file(canonical, attachment);
  doc.end();
  return done;
}

interface Column {
  header: string;
  width: number;
}

/** The cursor over the pages: headings that keep with what follows, paragraphs, lists and tables. */
class PageWriter {
  readonly left = MARGIN.left;
  readonly width: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly t: Translate,
  ) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = level === 1 ? 15 : level === 2 ? 12 : 10;
    const before = level === 1 ? 18 : level === 2 ? 12 : 8;
    if (this.y > MARGIN.top) this.y += before;
    // A heading never ends a page: keep it with at least three lines of what follows.
    this.ensureSpace(size * 1.4 + 40);
    this.doc
      .font(BOLD)
      .fontSize(size)
      .fillColor(level === 3 ? INK : ACCENT);
    this.doc.text(text, this.left, this.y, { width: this.width });
    if (level === 1) {
      const y = this.y + 2;
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.8)
        .strokeColor(ACCENT)
        .stroke();
      this.y = y + 10;
    } else {
      this.y += 3;
    }
  }

  paragraph(text: string, options: { size?: number; color?: string; font?: string; after?: number } = {}): void {
    this.doc
      .font(options.font ?? REGULAR)
      .fontSize(options.size ?? 9.5)
      .fillColor(options.color ?? INK);
    this.doc.text(text, this.left, this.y, { width: this.width, lineGap: 2, paragraphGap: 5 });
    this.y += options.after ?? 4;
  }

  bullets(items: string[], empty: string): void {
    if (items.length === 0) return this.paragraph(empty, { color: MUTED });
    this.doc.font(REGULAR).fontSize(9.5).fillColor(INK);
    for (const item of items) {
      this.ensureSpace(14);
      const top = this.y;
      this.doc.text('•', this.left + 4, top, { width: 10, lineBreak: false });
      this.doc.text(item, this.left + 16, top, { width: this.width - 16, lineGap: 2 });
      this.y += 3;
    }
    this.y += 2;
  }

  /**
   * A table with rules: the header repeats on each page it spans, and a row taller than the room
   * left is split between pages at a word, so no text is ever cut or overlaps the footer.
   */
  table(columns: Column[], rows: string[][], options: { size?: number; shadeFirstColumn?: boolean } = {}): void {
    const size = options.size ?? 8;
    const header = () => {
      const height = Math.max(...columns.map((column) => this.cellHeight(column.header, column.width, size, BOLD)));
      const top = this.y;
      this.doc.rect(this.left, top, this.width, height).fill(SHADE);
      this.drawRow(
        columns,
        columns.map((column) => column.header),
        top,
        size,
        BOLD,
      );
      this.rule(top, 0.8, ACCENT);
      this.rule(top + height, 0.8, ACCENT);
      this.y = top + height;
    };
    this.ensureSpace(60);
    header();
    for (const row of rows) {
      let cells = row;
      while (cells.some((cell) => cell.length > 0)) {
        const height = Math.max(...cells.map((cell, i) => this.cellHeight(cell, columns[i].width, size, REGULAR)));
        const room = this.bottom - this.y;
        const fullPage = this.bottom - MARGIN.top - 40;
        if (height <= room) {
          const top = this.y;
          this.drawRow(columns, cells, top, size, REGULAR);
          this.y = top + height;
          this.rule(this.y, 0.4, RULE);
          break;
        }
        if (height <= fullPage || room < 4 * size) {
          this.newPage();
          header();
          continue;
        }
        // Taller than what is left of the page: draw what fits, carry the rest over.
        const split = cells.map((cell, i) => this.splitToFit(cell, columns[i].width, size, room));
        const partHeight = Math.max(
          ...split.map(([head], i) => this.cellHeight(head, columns[i].width, size, REGULAR)),
        );
        const top = this.y;
        this.drawRow(
          columns,
          split.map(([head]) => head),
          top,
          size,
          REGULAR,
        );
        this.y = top + partHeight;
        this.rule(this.y, 0.4, RULE);
        cells = split.map(([, tail]) => tail);
        this.newPage();
        header();
      }
    }
    this.y += 8;
  }

  private rule(y: number, width: number, color: string): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }

  private drawRow(columns: Column[], cells: string[], top: number, size: number, font: string): void {
    let x = this.left;
    this.doc.font(font).fontSize(size).fillColor(INK);
    columns.forEach((column, i) => {
      if (cells[i]) {
        this.doc.text(cells[i], x + CELL_PADDING, top + CELL_PADDING, {
          width: column.width - 2 * CELL_PADDING,
          lineGap: 1,
        });
      }
      x += column.width;
    });
  }

  private cellHeight(text: string, width: number, size: number, font: string): number {
    if (!text) return 0;
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text, { width: width - 2 * CELL_PADDING, lineGap: 1 }) + 2 * CELL_PADDING;
  }

  /** The longest run of whole words of `text` that fits in `height`, and the rest. */
  private splitToFit(text: string, width: number, size: number, height: number): [string, string] {
    if (this.cellHeight(text, width, size, REGULAR) <= height) return [text, ''];
    const words = text.split(/(?<=\s)/);
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.cellHeight(words.slice(0, middle).join(''), width, size, REGULAR) <= height) low = middle;
      else high = middle - 1;
    }
    const count = Math.max(low, 0);
    return [words.slice(0, count).join('').trimEnd(), words.slice(count).join('')];
  }
}

function drawTitleBlock(page: PageWriter, data: AdoptionRecordData, countries: string): void {
  const { doc, t, left, width } = page;
  doc.rect(0, 0, doc.page.width, 8).fill(UN_BLUE);
  doc
    .font(BOLD)
    .fontSize(9)
    .fillColor(MUTED)
    .text(t('organization').toUpperCase(), left, MARGIN.top - 22, { width, characterSpacing: 0.6 });
  page.y = MARGIN.top;
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor(ACCENT)
    .text(t('title').toUpperCase(), left, page.y, { width, characterSpacing: 1 });
  page.y += 4;
  doc.font(BOLD).fontSize(19).fillColor(INK).text(data.content.title, left, page.y, { width, lineGap: 1 });
  page.y += 6;
  const countryLine = t(
    participatingCountries(data.content).length > 1 ? 'titleBlock.countries' : 'titleBlock.country',
    { countries },
  );
  doc
    .font(REGULAR)
    .fontSize(10.5)
    .fillColor(INK)
    .text(`${t(`kind.${data.kind}`)}   ·   ${countryLine}`, left, page.y, { width });
  page.y += 2;
  doc
    .font(REGULAR)
    .fontSize(10.5)
    .text(
      `${t('titleBlock.record', { recordId: data.recordId })}   ·   ${t('titleBlock.version', { number: data.version.number })}`,
      left,
      page.y,
      {
        width,
      },
    );
  page.y += 2;
  doc
    .font(REGULAR)
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(t('titleBlock.versionHash', { hash: data.version.hash }), left, page.y, { width });
  page.y += 12;
}

function drawVerificationBlock(
  page: PageWriter,
  data: AdoptionRecordData,
  options: DrawOptions,
  date: (iso: string) => string,
): void {
  const { doc, t, left, width } = page;
  const recordUrl = `${options.publicUrl}/public/records/${encodeURIComponent(data.recordId)}`;
  const qrSize = 96;
  const padding = 12;
  const labelWidth = 118;
  const valueWidth = width - 2 * padding - labelWidth - qrSize - padding;
  const rows: [CatalogueKey, string][] = [
    ['verification.recordId', data.recordId],
    ['verification.version', t('verification.versionValue', { number: data.version.number })],
    ['verification.versionHash', data.version.hash],
    ['verification.issuedAt', `${date(data.issuedAt)} (${data.issuedAt})`],
    ['verification.dataSha256', options.dataSha256],
    ['verification.keyId', options.key.keyId],
    ['verification.dataSignature', options.dataSignature],
    ['verification.publicUrl', recordUrl],
  ];
  const howTo = t('verification.howTo', {
    verifyUrl: `${options.publicUrl}/public/verify`,
    keysUrl: `${options.publicUrl}/.well-known/record-keys.json`,
  });
  const valueFont = (key: CatalogueKey) => (key === 'verification.recordId' ? BOLD : REGULAR);
  const rowHeight = (key: CatalogueKey, value: string) => {
    doc.font(BOLD).fontSize(7.5);
    const label = doc.heightOfString(t(key), { width: labelWidth - 8 });
    doc.font(valueFont(key)).fontSize(8);
    return Math.max(label, doc.heightOfString(value, { width: valueWidth })) + 4;
  };
  doc.font(REGULAR).fontSize(8);
  const howToHeight = doc.heightOfString(howTo, { width: width - 2 * padding, lineGap: 1 });
  const headingHeight = 20;
  const rowsHeight = rows.reduce((sum, [key, value]) => sum + rowHeight(key, value), 0);
  const height = padding + headingHeight + Math.max(rowsHeight, qrSize + 14) + 6 + howToHeight + padding;

  page.ensureSpace(height);
  const top = page.y;
  doc.rect(left, top, width, height).fill(SHADE);
  doc.rect(left, top, 3, height).fill(ACCENT);
  doc.rect(left, top, width, height).lineWidth(0.6).strokeColor(RULE).stroke();
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor(ACCENT)
    .text(t('verification.heading'), left + padding, top + padding, { width: width - 2 * padding });

  let y = top + padding + headingHeight;
  for (const [key, value] of rows) {
    const rowTop = y;
    doc
      .font(BOLD)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(t(key), left + padding, rowTop + 0.5, { width: labelWidth - 8 });
    doc
      .font(valueFont(key))
      .fontSize(8)
      .fillColor(INK)
      .text(value, left + padding + labelWidth, rowTop, { width: valueWidth });
    y = rowTop + rowHeight(key, value);
  }
  const qrX = left + width - padding - qrSize;
  const qrY = top + padding + headingHeight;
  drawQrCode(doc, recordUrl, qrX, qrY, qrSize);

  const howToTop = top + padding + headingHeight + Math.max(rowsHeight, qrSize + 14) + 6;
  doc
    .moveTo(left + padding, howToTop - 5)
    .lineTo(left + width - padding, howToTop - 5)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();
  doc
    .font(REGULAR)
    .fontSize(8)
    .fillColor(INK)
    .text(howTo, left + padding, howToTop, { width: width - 2 * padding, lineGap: 1 });
  page.y = top + height + 6;
}

/** The QR code as vector squares: sharp at any zoom, and no image to embed. */
function drawQrCode(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) {
        doc.rect(x + (column + quiet) * cell, y + (row + quiet) * cell, cell, cell);
      }
    }
  }
  doc.fill('#000000');
}

async function drawContent(page: PageWriter, data: AdoptionRecordData): Promise<void> {
  const { t } = page;
  const { content } = data;
  page.heading(t('content.heading'), 1);
  page.heading(t('content.summary'), 2);
  for (const paragraph of content.summary.split(/\n\s*\n/)) page.paragraph(paragraph.trim());
  page.heading(t('content.partners'), 2);
  page.bullets(content.partners, t('content.none'));
  page.heading(t('content.priorityTopics'), 2);
  page.bullets(content.priorityTopics, t('content.none'));

  for (const field of FIELDS_OF_ACTION) {
    await yieldToEventLoop();
    const section = content.fields[field];
    page.heading(t(`field.${field}`), 2);
    page.heading(t('content.objectives'), 3);
    page.bullets(section?.objectives ?? [], t('content.noObjectives'));
    page.heading(t('content.actions'), 3);
    const actions = section?.actions ?? [];
    if (actions.length === 0) {
      page.paragraph(t('content.noActions'), { color: MUTED });
      continue;
    }
    const width = page.width;
    page.table(
      [
        { header: t('content.actions'), width: width * 0.28 },
        { header: t('content.actionLead'), width: width * 0.19 },
        { header: t('content.actionPartners'), width: width * 0.19 },
        { header: t('content.actionTimeline'), width: width * 0.13 },
        { header: t('content.actionIndicators'), width: width * 0.21 },
      ],
      actions.map((action: PlanAction) => [
        action.title,
        action.lead,
        action.partners.length > 0 ? action.partners.join('\n') : '—',
        action.timeline,
        action.indicators.length > 0 ? action.indicators.map((indicator) => `• ${indicator}`).join('\n') : '—',
      ]),
    );
  }
}

function drawTimeline(page: PageWriter, timeline: PublicTimelineEntry[], date: (iso: string) => string): void {
  const { t } = page;
  page.heading(t('timeline.heading'), 1);
  const width = page.width;
  const rows = timeline.map((entry): string[] => {
    switch (entry.kind) {
      case 'submitted':
        return [
          t('timeline.submitted'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.submittedOutcome', { version: entry.version }),
        ];
      case 'stage':
        return [
          t(`stage.${entry.stage}`),
          String(entry.version),
          date(entry.enteredAt),
          entry.completedAt ? date(entry.completedAt) : '',
          entry.outcome
            ? t(`outcome.${entry.outcome}`, { date: date(entry.completedAt ?? entry.enteredAt) })
            : t('timeline.inProgress'),
        ];
      case 'revision':
        return [
          t('timeline.revision'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.revisionOutcome', { stage: t(`stage.${entry.returnTo}`) }),
        ];
      case 'version':
        return [
          t('timeline.newVersion'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.newVersionOutcome', { version: entry.version, hash: entry.hash }),
        ];
      case 'endorsed':
        return [
          t('timeline.endorsed'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.endorsedOutcome', { version: entry.version }),
        ];
    }
  });
  page.table(
    [
      { header: t('timeline.stage'), width: width * 0.22 },
      { header: t('timeline.version'), width: width * 0.08 },
      { header: t('timeline.began'), width: width * 0.17 },
      { header: t('timeline.ended'), width: width * 0.17 },
      { header: t('timeline.outcome'), width: width * 0.36 },
    ],
    rows,
  );
}

function drawComments(page: PageWriter, comments: PublicComment[], date: (iso: string) => string): void {
  const { t } = page;
  page.heading(t('comments.heading'), 1);
  if (comments.length === 0) return page.paragraph(t('comments.none'));
  const width = page.width;
  const fieldName = (field?: string) =>
    !field
      ? t('comments.general')
      : (FIELDS_OF_ACTION as readonly string[]).includes(field)
        ? t(`field.${field as (typeof FIELDS_OF_ACTION)[number]}`)
        : field;
  page.table(
    [
      { header: t('comments.organization'), width: width * 0.14 },
      { header: t('comments.date'), width: width * 0.13 },
      { header: t('comments.version'), width: width * 0.08 },
      { header: t('comments.field'), width: width * 0.1 },
      { header: t('comments.text'), width: width * 0.23 },
      { header: t('comments.disposition'), width: width * 0.14 },
      { header: t('comments.response'), width: width * 0.18 },
    ],
    comments.map((comment) => [
      comment.organization,
      date(comment.postedAt),
      String(comment.version),
      fieldName(comment.field),
      comment.hidden
        ? comment.hiddenReason
          ? t('comments.hidden', { reason: comment.hiddenReason })
          : t('comments.hiddenNoReason')
        : (comment.text ?? ''),
      comment.disposition ? t(`disposition.${comment.disposition}`) : t('comments.noDisposition'),
      comment.response ?? '',
    ]),
  );
}

/** "Page X of Y" and the record id on every page, once the number of pages is known. */
function drawFooters(doc: PDFKit.PDFDocument, t: Translate, recordId: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
    doc.text(t('footer.record', { recordId }), MARGIN.left, y, { width: width * 0.7, lineBreak: false });
    doc.text(t('footer.page', { page: index - start + 1, pages: count }), MARGIN.left + width * 0.7, y, {
      width: width * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
