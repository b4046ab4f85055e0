import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { walkToEndorsed } from '@aoc/demo/demo-walk';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';
import { inParallel } from '../support/in-parallel';
import { SeededRandom, seedFrom } from '../support/seeded-random';

/** A PDF that is not one of ours: well formed, from the same library, without our signatures. */
function foreignPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info: { Title: 'Adoption record' } });
    // One of our Info keys, so that the verification looks further than the first check.
    (doc.info as Record<string, unknown>).AoCRecordId = 'AOC-0000-0000-0000';
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('An adoption record, or so it says.');
    doc.end();
  });
}

/**
 * The public library's pages and the record verification under odd input (issue 18): random
 * query strings on every page, random bytes, truncated and altered records, PDFs that aren't
 * ours and bodies over the limit at the verification. Never a 5xx, never a lost connection; a
 * verification answers 200 (authentic or not), 400 (not a PDF) or 413 (too large).
 */
describe('fuzzing the public library and the record verification', () => {
  const seed = seedFrom('FUZZ_SEED');
  const rng = new SeededRandom(seed);
  const h = new ApiHarness({ COMMENT_WINDOW_DURATION: '3s' });
  let planId: string;
  let record: Buffer;

  beforeAll(async () => {
    process.stdout.write(`[fuzz-public] seed ${seed} (run again with FUZZ_SEED=${seed})\n`);
    await h.start();
    await seedSeats(h.api, () => undefined);
    planId = await walkToEndorsed(h.api, nationalPlan(), {
      submitter: 'submitter-pt',
      consultees: ['consultee-pt-education', 'consultee-pt-culture'],
      cso: 'cso-youth-network',
      secretariat: 'secretariat-anna',
      seats: ['gof-es', 'gof-tr', 'gof-unesco'],
    });
    const plan = await h.api.waitFor('the adoption record', async () => {
      const answer = await h.api.request<{ record?: { id: string } }>(null, 'GET', `/public/plans/${planId}`);
      return answer.body.record;
    });
    record = Buffer.from(await (await fetch(`${h.api.baseUrl}/public/records/${plan.id}.pdf`)).arrayBuffer());
  }, 180_000);
  afterAll(() => h.stop());

  const oddValues = () => [
    '',
    'x'.repeat(5000),
    '%00',
    '%FF%FE',
    '<script>alert(1)</script>',
    '"unbalanced',
    '-',
    'or or or',
    '!!!:*&|',
    '2026',
    '-1',
    '1e9',
    String(rng.int(0, 1e9)),
    randomUUID(),
    'خطة',
    '计划',
    encodeURIComponent('😀'.repeat(50)),
  ];

  it('answers random queries on every public page and open-data route without a 5xx', async () => {
    const pages = [
      '/public',
      `/public/plans/${planId}`,
      '/public/feed.atom',
      '/public/verify',
      '/public/records/AOC-0000-0000-0000',
      '/api/public/plans',
      '/api/public/plans.csv',
      `/api/public/plans/${planId}`,
      '/.well-known/record-keys.json',
    ];
    const names = ['q', 'country', 'kind', 'field', 'topic', 'year', 'cursor', 'limit', 'lang', 'record', 'other'];
    const urls: string[] = [];
    for (const page of pages) {
      for (let i = 0; i < 30; i++) {
        const params = Array.from({ length: rng.int(1, 3) }, () => `${rng.pick(names)}=${rng.pick(oddValues())}`);
        urls.push(`${page}?${params.join('&')}`);
      }
      for (const odd of ['/%00', '/..%2F..%2Fetc%2Fpasswd', `/${'a'.repeat(3000)}`, '/AOC-ZZZZ-ZZZZ-ZZZZ.pdf']) {
        urls.push(`${page}${odd}`);
      }
    }
    const findings: string[] = [];
    await inParallel(urls, 4, async (url) => {
      try {
        const answer = await fetch(`${h.api.baseUrl}${url}`, { signal: AbortSignal.timeout(30_000) });
        await answer.arrayBuffer();
        if (answer.status >= 500) findings.push(`${url.slice(0, 150)}: ${answer.status}`);
      } catch (error) {
        findings.push(`${url.slice(0, 150)}: no answer (${(error as Error).message})`);
      }
    });
    expect(findings).toEqual([]);
  }, 300_000);

  it('verifies odd bodies without a 5xx: 200 not authentic, 400 not a PDF, 413 too large', async () => {
    const flipped = (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[rng.int(0, copy.length - 1)] ^= rng.int(1, 255);
      return copy;
    };
    const bodies: { name: string; body: Buffer; expected: number[] }[] = [
      { name: 'empty', body: Buffer.alloc(0), expected: [400] },
      { name: 'foreign PDF', body: await foreignPdf(), expected: [200] },
      { name: 'over the limit', body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), expected: [413] },
      { name: 'PDF header only', body: Buffer.from('%PDF-1.7\n'), expected: [200] },
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `random bytes #${i}`,
        body: Buffer.from(Array.from({ length: rng.int(1, 20_000) }, () => rng.int(0, 255))),
        expected: [400],
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `record truncated #${i}`,
        body: record.subarray(0, rng.int(5, record.length - 1)),
        expected: [200],
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `record altered #${i}`,
        body: flipped(record),
        expected: [200],
      })),
    ];
    const findings: string[] = [];
    await inParallel(bodies, 4, async ({ name, body, expected }) => {
      for (const type of ['application/pdf', 'application/json', 'application/octet-stream']) {
        const answer = await fetch(`${h.api.baseUrl}/api/public/records/verify`, {
          method: 'POST',
          headers: { 'Content-Type': type },
          body,
          signal: AbortSignal.timeout(30_000),
        }).catch((error: Error) => ({ status: 0, json: () => Promise.resolve(error.message) }));
        const verdict = (await answer.json().catch(() => undefined)) as { authentic?: boolean } | undefined;
        const startsLikePdf = body.subarray(0, 5).toString('latin1') === '%PDF-';
        const wanted = startsLikePdf && body.length <= 10 * 1024 * 1024 ? [200] : expected;
        if (!wanted.includes(answer.status))
          findings.push(`${name} as ${type}: ${answer.status}, not ${wanted.join(' or ')}`);
        if (answer.status === 200 && verdict?.authentic !== false)
          findings.push(`${name} as ${type}: called authentic`);
      }
    });
    expect(findings).toEqual([]);
    // The verification page's upload, with the same odd files: a page, never a 5xx.
    for (const { name, body } of bodies.slice(0, 6)) {
      const form = new FormData();
      form.append('file', new Blob([body], { type: 'application/pdf' }), 'record.pdf');
      const answer = await fetch(`${h.api.baseUrl}/public/verify`, { method: 'POST', body: form });
      expect({ name, status: answer.status < 500 }).toEqual({ name, status: true });
      expect(answer.headers.get('content-type')).toMatch(/text\/html/);
    }
  }, 300_000);
});
