import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { seedSeats } from '@aoc/demo/demo-registry';
import { ApiHarness } from '../support/api-harness';
import { SeededRandom } from '../support/seeded-random';

const key = () => ({ 'Idempotency-Key': randomUUID() });
const SEATS = ['gof-es', 'gof-tr', 'gof-unesco'] as const;

/** The text of a PDF as a reader's tools extract it (poppler's pdftotext). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aoc-record-'));
  const file = path.join(dir, 'record.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Text with every space and line break taken out: a table cell wraps a long marker over lines. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

interface PublicPlan {
  id: string;
  status: string;
  title: string;
  organizationNames: Record<string, string>;
  version: { number: number; hash: string };
  timeline: { kind: string; stage?: string; outcome?: string }[];
  comments: {
    id: string;
    organization: string;
    hidden: boolean;
    text?: string;
    hiddenReason?: string;
    disposition?: string;
  }[];
  record?: { id: string; url: string; pdf: string };
}

/**
 * The public library and the adoption record (DOMAIN §10, issue 18), on the real API and worker:
 * what a signed-out reader gets, and what they never get.
 */
describe('publication: the public library and the adoption record', () => {
  const h = new ApiHarness();
  const word = `interculturality${randomUUID().slice(0, 8)}`;
  const hiddenMarker = `HIDDEN-MARKER-${randomUUID()}`;
  const consulteeMarker = `CONSULTEE-MARKER-${randomUUID()}`;
  const hideReason = 'Personal attack on a named official';
  let planId: string;
  let visibleCommentId: string;
  let hiddenCommentId: string;

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${h.api.baseUrl}${url}`, { headers });

  beforeAll(async () => {
    await h.start();
    await seedSeats(h.api, () => undefined);
  });
  afterAll(() => h.stop());

  it('shows a plan open for comment, with its closing date, and hides a hidden comment’s text', async () => {
    const draft = { ...nationalPlan(), summary: `${nationalPlan().summary} It promotes ${word} in schools.` };
    planId = (await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', draft)).id;
    expect((await get(`/api/public/plans/${planId}`)).status).toBe(404);
    expect((await get(`/public/plans/${planId}`)).status).toBe(404);
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${planId}/submit`);
    await h.api.waitForStatus('submitter-pt', planId, 'NATIONAL_CONSULTATION');
    expect((await get(`/api/public/plans/${planId}`)).status).toBe(404);

    const answers = [
      { decision: 'support_with_comments', comment: `Fine, but ${consulteeMarker}.` },
      { decision: 'support' },
    ];
    for (const [i, consultee] of (['consultee-pt-education', 'consultee-pt-culture'] as const).entries()) {
      const [task] = await h.api.waitForTasks(consultee, planId, 1, 'NATIONAL_CONSULTATION');
      await h.api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, answers[i], key());
    }
    await h.api.waitForStatus('submitter-pt', planId, 'CIVIL_SOCIETY_COMMENT');
    visibleCommentId = (
      await h.api.expect<{ id: string }>(201, 'cso-youth-network', 'POST', `/plans/${planId}/comments`, {
        text: 'Please add a measurable target for youth participation.',
        field: 'youth',
      })
    ).id;
    hiddenCommentId = (
      await h.api.expect<{ id: string }>(201, 'cso-media-watch', 'POST', `/plans/${planId}/comments`, {
        text: `Abusive text ${hiddenMarker}`,
      })
    ).id;
    await h.api.expect(200, 'secretariat-anna', 'POST', `/comments/${hiddenCommentId}/hide`, { reason: hideReason });

    const open = await h.api.expect<PublicPlan & { commentWindowClosesAt?: string }>(
      200,
      null,
      'GET',
      `/public/plans/${planId}`,
    );
    expect(open.status).toBe('CIVIL_SOCIETY_COMMENT');
    expect(Date.parse(open.commentWindowClosesAt!)).toBeGreaterThan(Date.now() - 60_000);
    const hidden = open.comments.find((c) => c.id === hiddenCommentId)!;
    expect(hidden).toEqual(expect.objectContaining({ hidden: true, hiddenReason: hideReason }));
    expect(hidden.text).toBeUndefined();
    const html = await (await get(`/public/plans/${planId}?lang=en`)).text();
    expect(html).toContain('Open for civil society comment until');
    // Partners and commenting organizations are registry ids, shown by their names.
    expect(open.organizationNames).toMatchObject({ 'portuguese-youth-council': 'Portuguese Youth Council' });
    expect(html).toContain('Portuguese Youth Council');
    expect(open.organizationNames).toMatchObject({ 'youth-network': 'European Youth Network for Dialogue' });
    expect(html).toContain('Media Watch Balkans');
    expect(html).toContain(hideReason);
    expect(html).not.toContain(hiddenMarker);
    const library = await (await get('/public')).text();
    expect(library).toContain(`/public/plans/${planId}`);
  });

  it('an endorsed plan is in the library, found by a word of its summary, with one record that verifies', async () => {
    const [disposition] = await h.api.waitForTasks('submitter-pt', planId, 1, 'CIVIL_SOCIETY_COMMENT', 120_000);
    await h.api.expect(
      200,
      'submitter-pt',
      'POST',
      `/tasks/${disposition.id}/complete`,
      {
        decision: 'dispose',
        dispositions: [{ commentId: visibleCommentId, disposition: 'accepted', response: 'A yearly target is added.' }],
      },
      key(),
    );
    const [review] = await h.api.waitForTasks('secretariat-anna', planId, 1, 'SECRETARIAT_REVIEW');
    await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/claim`);
    await h.api.expect(200, 'secretariat-anna', 'POST', `/tasks/${review.id}/complete`, { decision: 'approve' }, key());
    for (const seat of SEATS) {
      const [task] = await h.api.waitForTasks(seat, planId, 1, 'GOF_ENDORSEMENT');
      await h.api.expect(200, seat, 'POST', `/tasks/${task.id}/complete`, { decision: 'endorse' }, key());
    }
    await h.api.waitForStatus('submitter-pt', planId, 'ENDORSED');
    const plan = await h.api.waitFor('the adoption record', async () => {
      const answer = await h.api.request<PublicPlan>(null, 'GET', `/public/plans/${planId}`);
      return answer.status === 200 && answer.body.record ? answer.body : undefined;
    });

    expect(plan.status).toBe('ENDORSED');
    expect(plan.timeline.filter((e) => e.kind === 'stage').map((e) => [e.stage, e.outcome])).toEqual([
      ['NATIONAL_CONSULTATION', 'no_objection'],
      ['CIVIL_SOCIETY_COMMENT', 'comments_disposed'],
      ['SECRETARIAT_REVIEW', 'approved'],
      ['GOF_ENDORSEMENT', 'endorsed'],
    ]);
    const search = await h.api.expect<{ items: { id: string; recordId: string }[] }>(
      200,
      null,
      'GET',
      `/public/plans?q=${word}`,
    );
    expect(search.items.map((i) => i.id)).toEqual([planId]);
    expect(search.items[0].recordId).toBe(plan.record!.id);
    const page = await (await get(`/public?q=${word}&lang=fr`)).text();
    expect(page).toContain('<html lang="fr" dir="ltr">');
    expect(page).toContain(`/public/plans/${planId}`);

    const pdf = Buffer.from(await (await get(`/public/records/${plan.record!.id}.pdf`)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const verdict = await fetch(`${h.api.baseUrl}/api/public/records/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf' },
      body: pdf,
    });
    expect(verdict.status).toBe(200);
    expect(await verdict.json()).toEqual(
      expect.objectContaining({
        authentic: true,
        recordId: plan.record!.id,
        planId,
        version: plan.version.number,
        versionHash: plan.version.hash,
      }),
    );
    // Any one byte changed, anywhere: not authentic.
    const random = new SeededRandom(18);
    for (let i = 0; i < 12; i++) {
      const changed = Buffer.from(pdf);
      const at = random.int(5, changed.length - 1);
      changed[at] ^= random.int(1, 255);
      const answer = await fetch(`${h.api.baseUrl}/api/public/records/verify`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/pdf' },
        body: changed,
      });
      expect({ at, status: answer.status }).toEqual({ at, status: 200 });
      expect(((await answer.json()) as { authentic: boolean }).authentic).toBe(false);
    }
    const notPdf = await fetch(`${h.api.baseUrl}/api/public/records/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf' },
      body: 'hello',
    });
    expect(notPdf.status).toBe(400);
    expect(((await notPdf.json()) as { message: string }).message).toMatch(/not a PDF/);
    const huge = await fetch(`${h.api.baseUrl}/api/public/records/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf' },
      body: Buffer.alloc(11 * 1024 * 1024, 0x25),
    });
    expect(huge.status).toBe(413);

    const keys = (await (await get('/.well-known/record-keys.json')).json()) as { keys: { kid: string }[] };
    expect(keys.keys.length).toBeGreaterThan(0);

    // Nothing private in any public output: the hidden comment's text, a consultee's answer, the seats.
    const outputs = {
      library: await (await get(`/public?q=${word}`)).text(),
      page: await (await get(`/public/plans/${planId}`)).text(),
      json: await (await get(`/api/public/plans/${planId}`)).text(),
      list: await (await get(`/api/public/plans?q=${word}`)).text(),
      csv: await (await get('/api/public/plans.csv')).text(),
      feed: await (await get('/public/feed.atom')).text(),
      record: await (await get(`/public/records/${plan.record!.id}`)).text(),
      recordJson: await (await get(`/api/public/records/${plan.record!.id}`)).text(),
      pdf: pdfText(pdf),
    };
    for (const [name, text] of Object.entries(outputs)) {
      for (const secret of [hiddenMarker, consulteeMarker, ...SEATS]) {
        const leaks = squeezed(text).includes(squeezed(secret)) ? secret : null;
        expect({ name, leaks }).toEqual({ name, leaks: null });
      }
    }
    expect(outputs.csv).toContain(`${planId},`);
    expect(outputs.csv).toContain(plan.record!.id);
    expect(outputs.feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(outputs.feed).toContain(`/public/plans/${planId}`);
    expect(squeezed(outputs.pdf)).toContain(plan.version.hash);
    expect(squeezed(outputs.pdf)).toContain(squeezed(hideReason));
  });

  it('answers 304 to a repeat, and a changed plan changes its ETag', async () => {
    const first = await get(`/public/plans/${planId}`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/public/);
    expect((await get(`/public/plans/${planId}`, { 'If-None-Match': etag })).status).toBe(304);
    const json = await get(`/api/public/plans/${planId}`);
    expect((await get(`/api/public/plans/${planId}`, { 'If-None-Match': json.headers.get('etag')! })).status).toBe(304);
    // The secretariat hides the other comment after the review: the public page changes.
    await h.api.expect(200, 'secretariat-anna', 'POST', `/comments/${visibleCommentId}/hide`, { reason: 'Spam' });
    const after = await get(`/public/plans/${planId}`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('answers 404 for drafts, plans in other stages, withdrawn plans and unknown records', async () => {
    const draft = await h.api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', nationalPlan());
    await h.api.expect(202, 'submitter-pt', 'POST', `/plans/${draft.id}/submit`);
    await h.api.waitForStatus('submitter-pt', draft.id, 'NATIONAL_CONSULTATION');
    expect((await get(`/api/public/plans/${draft.id}`)).status).toBe(404);
    await h.api.expect(200, 'submitter-pt', 'POST', `/plans/${draft.id}/withdraw`, { reason: 'Superseded' });
    await h.api.waitForStatus('submitter-pt', draft.id, 'WITHDRAWN');
    for (const url of [`/api/public/plans/${draft.id}`, `/public/plans/${draft.id}`]) {
      expect({ url, status: (await get(url)).status }).toEqual({ url, status: 404 });
    }
    const missing = await get('/public/records/AOC-0000-0000-0000');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html');
    expect((await get('/api/public/records/not-a-record')).status).toBe(404);
  });
});
