/**
 * The record's first page: the title block, and the verification block that states the record's
 * identifiers, digests and signature with a QR code to its public page and how to verify it.
 */
import QRCode from 'qrcode';
import { participatingCountries } from '@aoc/domain/plan.types';
import type { AdoptionRecordData } from '@aoc/domain/publication.types';
import type { CatalogueKey } from './record-catalogue';
import { ACCENT, BOLD, INK, MARGIN, MUTED, REGULAR, RULE, SHADE, UN_BLUE, type PageWriter } from './record-layout';
import type { SigningKey } from './signing-key';

/** What the verification block states besides the record's data: where it is published, and how it is signed. */
export interface VerificationDetails {
  publicUrl: string;
  key: SigningKey;
  dataSha256: string;
  dataSignature: string;
}

export function drawTitleBlock(page: PageWriter, data: AdoptionRecordData, countries: string): void {
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

export function drawVerificationBlock(
  page: PageWriter,
  data: AdoptionRecordData,
  options: VerificationDetails,
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
