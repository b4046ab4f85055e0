import { writeFileSync } from 'node:fs';
import { renderRecordPdf } from './record-pdf';
import { sampleRecordData } from './record-fixture';
import { generateSigningKeyPem, loadSigningKey } from './signing-key';
import { verifyRecordPdf } from './verify-record';
import { publishedKey } from './record-keys';

describe('renderRecordPdf', () => {
  it('renders a record that verifies', async () => {
    const key = loadSigningKey(generateSigningKeyPem());
    const started = performance.now();
    const rendered = await renderRecordPdf(sampleRecordData(), {
      language: 'en',
      publicUrl: 'https://plans.unaoc.org',
      key,
    });
    const elapsed = performance.now() - started;
    if (process.env.RECORD_PDF_OUT) {
      writeFileSync(process.env.RECORD_PDF_OUT, rendered.pdf);
      process.stdout.write(`rendered in ${elapsed.toFixed(0)} ms, ${rendered.pdf.length} bytes\n`);
    }
    expect(verifyRecordPdf(rendered.pdf, [publishedKey(key, '2020-01-01T00:00:00Z')])).toMatchObject({
      authentic: true,
    });
  });
});
