import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nationalPlan } from '@aoc/demo/demo-plans';
import { walkToEndorsed, type WalkCast } from '@aoc/demo/demo-walk';
import { seedSeats } from '@aoc/demo/demo-registry';
import { apiAs, expectAccessible, SCREENSHOTS, screenshot, signIn, signInAvailable, webUrl } from './support';

/**
 * The public library and the adoption record (DOMAIN §10) in a real browser, on the real stack
 * (global-setup.ts): a signed-out reader finds an endorsed plan, downloads its record and verifies
 * it; the public pages without JavaScript, in both languages, at desktop and phone widths; the
 * app's links to them and the admins' list of records.
 */
test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36);
/** A word no other plan has: the reader searches for it. */
const WORD = `xenialogue${RUN}`;
const TITLE = `Portugal: Intercultural Plan ${RUN}`;
const COMMENT = 'Please add a measurable target for youth participation.';
const RESPONSE = 'A target of 5,000 young people a year is added.';

const CAST: WalkCast = {
  submitter: 'submitter-pt',
  consultees: ['consultee-pt-education', 'consultee-pt-culture'],
  cso: 'cso-youth-network',
  secretariat: 'secretariat-anna',
  seats: ['gof-es', 'gof-tr', 'gof-unesco'],
};

interface PublicPlan {
  id: string;
  url: string;
  record?: { id: string; url: string; pdf: string; issuedAt: string };
}

let planId = '';
let recordId = '';
/** A second endorsed plan, for the admins' list of records to have a second page. */
let otherPlanId = '';

/** The public plan once its adoption record is issued (the worker issues it just after PLAN_ENDORSED). */
async function publishedWithRecord(id: string): Promise<Required<PublicPlan>> {
  const api = apiAs();
  return api.waitFor(`the adoption record of ${id}`, async () => {
    const answer = await api.request<PublicPlan>(null, 'GET', `/public/plans/${id}`);
    return answer.status === 200 && answer.body.record ? (answer.body as Required<PublicPlan>) : undefined;
  });
}

test.beforeAll(async () => {
  // Two plans walked to ENDORSED through the API, side by side: the comment window (45 s) dominates.
  test.setTimeout(360_000);
  const api = apiAs();
  await seedSeats(api, () => undefined);
  const draft = { ...nationalPlan(), title: TITLE, summary: `${nationalPlan().summary} It practises ${WORD}.` };
  [planId, otherPlanId] = await Promise.all([
    walkToEndorsed(api, draft, CAST),
    walkToEndorsed(
      api,
      { ...nationalPlan(), title: `Portugal: Second Plan ${RUN}` },
      { ...CAST, cso: 'cso-media-watch' },
    ),
  ]);
  recordId = (await publishedWithRecord(planId)).record.id;
  await publishedWithRecord(otherPlanId);
});

test('a signed-out reader finds the plan, downloads its adoption record and verifies it; a changed byte is refused', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  try {
    await page.goto(`${webUrl()}/public`);
    // The search form as a reader sends it: the word, every filter left at "Any" (sent empty).
    await page.getByLabel('Words in any language').fill(WORD);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByLabel('Words in any language')).toHaveValue(WORD);
    // The search finds this plan alone.
    const found = page.locator('main').getByRole('link', { name: TITLE, exact: true });
    await expect(found).toHaveCount(1);
    await found.click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    await page.getByRole('link', { name: `Open the record ${recordId}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Adoption record ${recordId}` })).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the record (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${recordId}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('link', { name: 'Go to the verification page' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verify an adoption record' })).toBeVisible();
    await page.getByLabel("The record's PDF").setInputFiles(await download.path());
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const authentic = page.locator('[data-verdict="authentic"]');
    await expect(authentic).toContainText('Authentic');
    await expect(authentic).toContainText(recordId);
    await expect(page.locator('[data-verdict="not-authentic"]')).toHaveCount(0);

    // One byte changed in the middle of the file: refused.
    const changed = Buffer.from(pdf);
    changed[Math.floor(changed.length / 2)] ^= 0x01;
    await page.getByLabel("The record's PDF").setInputFiles({
      name: `${recordId}.pdf`,
      mimeType: 'application/pdf',
      buffer: changed,
    });
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(page.locator('[data-verdict="not-authentic"]')).toContainText('Not authentic');
    await expect(page.locator('[data-verdict="authentic"]')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

const WIDTHS = [
  { suffix: '', viewport: { width: 1280, height: 900 } },
  { suffix: '-phone', viewport: { width: 390, height: 844 } },
] as const;

/** A signed-out context: without JavaScript, what a crawler or a reader with scripts off gets. */
async function signedOut(browser: Browser, viewport: { width: number; height: number }, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, viewport });
  return context.newPage();
}

/** The verification page's upload of the record's PDF: a plain form post, no script needed. */
async function uploadRecord(page: Page, pdf: Buffer): Promise<void> {
  await page.locator('input[type="file"][name="file"]').setInputFiles({
    name: `${recordId}.pdf`,
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
  await expect(page.locator('[data-verdict]')).toBeVisible();
}

for (const lang of ['en', 'fr'] as const) {
  test(`the public pages render fully without JavaScript, accessible, in ${lang === 'en' ? 'English' : 'French'}`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const words = {
      en: {
        verify: 'Verify an adoption record',
        authentic: 'Authentic',
        accepted: 'Accepted',
        disposed: 'Every comment received a disposition',
        endorsed: 'Endorsed by every seat',
      },
      fr: {
        verify: "Vérifier un acte d'adoption",
        authentic: 'Authentique',
        accepted: 'Accepté',
        disposed: 'Chaque commentaire a reçu une suite',
        endorsed: 'Approuvé par chaque siège',
      },
    }[lang];
    const pdf = Buffer.from(await (await fetch(`${webUrl()}/public/records/${recordId}.pdf`)).arrayBuffer());
    for (const { suffix, viewport } of WIDTHS) {
      // The pages are checked and photographed with scripts off; axe-core is a script, so it runs on
      // the same page loaded in a second context with scripts on (the pages have no script of their own).
      const page = await signedOut(browser, viewport, false);
      const scripted = await signedOut(browser, viewport, true);
      const shoot = async (name: string, reload: (p: Page) => Promise<void>) => {
        await screenshot(page, `public-${name}-${lang}${suffix}`);
        await reload(scripted);
        await expectAccessible(scripted, `${name} (${lang}${suffix})`);
      };
      const at = (path: string) => async (p: Page) => {
        await p.goto(`${webUrl()}${path}`);
      };
      try {
        const library = `/public?lang=${lang}`;
        await page.goto(`${webUrl()}${library}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('main').getByRole('link', { name: TITLE, exact: true })).toBeVisible();
        await expect(page.getByRole('search')).toBeVisible();
        await shoot('library', at(library));

        const plan = `/public/plans/${planId}?lang=${lang}`;
        await page.goto(`${webUrl()}${plan}`);
        await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
        // Its comments with their dispositions, and the review's timeline with each stage's outcome.
        const comment = page.locator('section[aria-labelledby="comments"] tbody tr').filter({ hasText: COMMENT });
        await expect(comment).toContainText(words.accepted);
        await expect(comment).toContainText(RESPONSE);
        const review = page.locator('section[aria-labelledby="review"] tbody');
        await expect(review).toContainText(words.disposed);
        await expect(review).toContainText(words.endorsed);
        await expect(page.locator('main')).toContainText(recordId);
        // Partners by their registry names, not their ids.
        await expect(page.locator('main')).toContainText('Portuguese Youth Council');
        await shoot('plan', at(plan));

        const record = `/public/records/${recordId}?lang=${lang}`;
        await page.goto(`${webUrl()}${record}`);
        await expect(page.getByRole('heading', { level: 1 })).toContainText(recordId);
        await expect(page.locator('main')).toContainText(TITLE);
        await expect(page.locator(`a[href="/public/records/${recordId}.pdf"]`)).toBeVisible();
        await shoot('record', at(record));

        const verify = `/public/verify?lang=${lang}`;
        await page.goto(`${webUrl()}${verify}`);
        await expect(page.getByRole('heading', { level: 1, name: words.verify })).toBeVisible();
        await shoot('verify', at(verify));
        // The verdict comes back as a page.
        await uploadRecord(page, pdf);
        await expect(page.locator('[data-verdict="authentic"]')).toContainText(words.authentic);
        await expect(page.locator('[data-verdict="authentic"]')).toContainText(recordId);
        await shoot('verified', async (p) => {
          await at(verify)(p);
          await uploadRecord(p, pdf);
        });
      } finally {
        await page.context().close();
        await scripted.context().close();
      }
    }
  });
}

test('the app’s plan page links to the public page and the adoption record; the dashboard lists the records', async ({
  browser,
}) => {
  expect(await signInAvailable(), 'the API offers no sign-in session (GET /auth/login answers no redirect)').toBe(true);
  const submitter = await browser.newContext();
  const admin = await browser.newContext();
  try {
    const page = await submitter.newPage();
    await signIn(page, 'submitter-pt', `/plans/${planId}`);
    await page.goto(`${webUrl()}/plans/${planId}`);
    const panel = page.getByTestId('publication');
    await expect(panel.getByRole('heading', { level: 2, name: 'Public library' })).toBeVisible();
    await expect(panel.getByRole('link', { name: "Open the plan's public page" })).toHaveAttribute(
      'href',
      `${webUrl()}/public/plans/${planId}`,
    );
    await expect(panel.getByRole('link', { name: `Open the adoption record ${recordId}` })).toHaveAttribute(
      'href',
      `${webUrl()}/public/records/${recordId}`,
    );
    await expect(panel.getByRole('link', { name: `Download the adoption record ${recordId} (PDF)` })).toHaveAttribute(
      'href',
      `${webUrl()}/public/records/${recordId}.pdf`,
    );
    await expectAccessible(page, 'the plan page with its public links');
    await screenshot(page, 'public-app-plan-links');
    // The link leads to the public page.
    await panel.getByRole('link', { name: "Open the plan's public page" }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    // The records' list by the API: newest first, by cursor, admins only.
    const api = apiAs();
    await api.expect(403, 'submitter-pt', 'GET', '/admin/records');
    type RecordsPage = { items: { id: string; planId: string }[]; nextBefore: string | null };
    const first = await api.expect<RecordsPage>(200, 'admin-ops', 'GET', '/admin/records?limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).not.toBeNull();
    const second = await api.expect<RecordsPage>(
      200,
      'admin-ops',
      'GET',
      `/admin/records?limit=1&before=${first.nextBefore}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const all = await api.expect<RecordsPage>(200, 'admin-ops', 'GET', '/admin/records?limit=200');
    expect(all.items.map((r) => r.planId)).toEqual(expect.arrayContaining([planId, otherPlanId]));
    await api.expect(400, 'admin-ops', 'GET', '/admin/records?before=not*a*cursor');

    const dashboard = await admin.newPage();
    await signIn(dashboard, 'admin-ops', '/admin');
    await dashboard.goto(`${webUrl()}/admin`);
    const records = dashboard.getByTestId('adoption-records');
    const row = records.getByRole('row').filter({ hasText: recordId });
    await expect(row.getByRole('link', { name: recordId })).toHaveAttribute('href', `/public/records/${recordId}`);
    await expect(row.getByRole('link', { name: TITLE })).toHaveAttribute('href', `/plans/${planId}`);
    await expect(row).toContainText('Version 1');
    await expect(row.locator('code[title]').last()).toHaveAttribute('title', /.+/);
    await expectAccessible(dashboard, 'the dashboard with the adoption records');
    await dashboard
      .getByRole('region', { name: 'Adoption records issued' })
      .screenshot({ path: join(SCREENSHOTS, 'public-app-admin-records.png') });
  } finally {
    await submitter.close();
    await admin.close();
  }
});
