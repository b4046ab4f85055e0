/**
 * The adoption record's PDF: the document and its metadata, drawn by record-front-matter.ts
 * (title and verification blocks), record-sections.ts (content, timeline, comments, footers) on
 * record-layout.ts's pages, then sealed (record-seal.ts).
 */
import PDFDocument from 'pdfkit';
import { participatingCountries } from '@aoc/domain/plan.types';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import { canonicalBytes, sha256, sha256Hex, signDigest } from './canonical-data';
import { dateFormatter, translator, type RecordLanguage } from './record-catalogue';
import { drawTitleBlock, drawVerificationBlock } from './record-front-matter';
import { BOLD, fonts, MARGIN, PageWriter, REGULAR } from './record-layout';
import { FILE_SIGNATURE_PLACEHOLDER, sealRecordPdf } from './record-seal';
import { drawComments, drawContent, drawFooters, drawTimeline, yieldToEventLoop } from './record-sections';
import type { SigningKey } from './signing-key';

export { FILE_SIGNATURE_PLACEHOLDER, fileSignatureOffset, sealRecordPdf } from './record-seal';

/** The attachment holding the record's canonical data: the bytes the data signature covers. */
export const RECORD_ATTACHMENT_NAME = 'adoption-record.json';

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

interface DrawOptions extends RecordPdfOptions {
  dataSha256: string;
  dataSignature: string;
}

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
