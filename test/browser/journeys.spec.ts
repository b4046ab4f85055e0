import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_SEATS, type DemoUser } from '@aoc/demo/demo-users';
import {
  apiAs,
  eventually,
  planPastConsultation,
  expectAccessible,
  screenshot,
  signIn,
  signInAvailable,
  tabTo,
  webUrl,
} from './support';

/**
 * The journeys, each user signed in through the development identity provider's page in a
 * browser context of their own, on the real stack (global-setup.ts).
 */
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Never a skip: without the sign-in session the journeys can't run, and that is a failure.
  expect(await signInAvailable(), 'the API offers no sign-in session (GET /auth/login answers no redirect)').toBe(true);
  const api = apiAs();
  const seats = await api.expect<{ seat: string }[]>(200, 'admin-ops', 'GET', '/gof-seats');
  for (const seat of DEMO_SEATS.filter((s) => !seats.some((x) => x.seat === s.seat))) {
    await api.expect(201, 'admin-ops', 'POST', '/gof-seats', seat);
  }
});

const sessions = new Map<DemoUser, Page>();
/** One browser context a user, signed in once and kept for the journey. */
async function as(browser: Browser, user: DemoUser): Promise<Page> {
  const known = sessions.get(user);
  if (known) return known;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  sessions.set(user, page);
  return page;
}
test.afterAll(async () => {
  for (const page of sessions.values()) await page.context().close();
  sessions.clear();
});

/** From the inbox, the open task of this plan: its page. */
async function openTask(page: Page, planTitle: string): Promise<void> {
  await page.goto(`${webUrl()}/inbox`);
  const row = page.getByTestId('task-row').filter({ hasText: planTitle }).first();
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: /^Open the / }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Your decision' })).toBeVisible();
}

async function decide(page: Page, decision: string, reason?: string): Promise<void> {
  await page.getByLabel(decision, { exact: true }).check({ force: true });
  if (reason !== undefined) await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByText('Decision recorded')).toBeVisible();
}

async function planStatus(page: Page, planId: string, status: string): Promise<void> {
  await eventually(page, async () => {
    if (!page.url().endsWith(`/plans/${planId}`)) await page.goto(`${webUrl()}/plans/${planId}`);
    await expect(page.locator('.aoc-stage-progress').getByText(status, { exact: true }).first()).toBeVisible({
      timeout: 3_000,
    });
  });
}

/** A plan past its national consultation (created and answered through the API): its title. */
async function planAtSecretariat(prefix: string): Promise<string> {
  const title = `${prefix} ${Date.now()}`;
  await planPastConsultation(title);
  return title;
}

const TITLE = `National Plan of Portugal ${Date.now()}`;
let planId = '';

test('a submitter creates and submits a national plan', async ({ browser }) => {
  const page = await as(browser, 'submitter-pt');
  await page.goto(`${webUrl()}/workspace`);
  await expectAccessible(page, 'the workspace');
  await page.getByRole('link', { name: 'New draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New draft' })).toBeVisible();
  // An error at its field: a title over 300 characters.
  await page.getByLabel('Title').fill('x'.repeat(301));
  // The country, the bodies and the partners are picked from the registry (DOMAIN §12), never typed.
  await page.getByRole('combobox', { name: 'Country' }).fill('Portug');
  await page.getByRole('option', { name: 'Portugal (PT)' }).click();
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(
    page.locator('#title-error-msg, [id="title-error-msg"]').or(page.getByText(/title must be shorter/)),
  ).toBeVisible();
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Summary').fill('Intercultural dialogue in schools, media and youth work.');
  await page.getByRole('combobox', { name: 'Consultee bodies of PT' }).click();
  await page.getByRole('option', { name: /Ministry of Education/ }).click();
  await page.getByRole('option', { name: /Ministry of Culture/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'Partners' }).click();
  await page.getByRole('option', { name: 'Portuguese Youth Council' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  // Submitting without an objective in every field: refused, with the message at each field.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('the youth section needs at least one objective').first()).toBeVisible();
  await page.locator('#objectives-education').fill('Intercultural curricula in all secondary schools');
  await page.locator('#objectives-media').fill('Public media report on every community');
  await page.locator('#objectives-youth').fill('Youth exchanges between all regions');
  await page.locator('#objectives-migration').fill('Newcomers take part in local decisions');
  await expectAccessible(page, 'the plan editor');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
  planId = page.url().split('/').pop()!;
  await planStatus(page, planId, 'National consultation');
});

test('two consultees answer, one with the keyboard alone; one objects', async ({ browser }) => {
  const education = await as(browser, 'consultee-pt-education');
  await education.goto(`${webUrl()}/inbox`);
  await expect(education.getByTestId('task-row').filter({ hasText: TITLE })).toBeVisible();
  await expectAccessible(education, 'the inbox');
  await screenshot(education, 'inbox');
  // The keyboard alone: to the task, the decision, the button.
  const link = education
    .getByTestId('task-row')
    .filter({ hasText: TITLE })
    .getByRole('link', { name: /^Open the / });
  await tabTo(education, link);
  await education.keyboard.press('Enter');
  await expect(education.getByRole('heading', { level: 2, name: 'Your decision' })).toBeVisible();
  await expectAccessible(education, 'the task page');
  await screenshot(education, 'task');
  await tabTo(education, education.getByLabel('Support', { exact: true }));
  await education.keyboard.press('Space');
  await expect(education.getByLabel('Support', { exact: true })).toBeChecked();
  await tabTo(education, education.getByRole('button', { name: 'Record the decision' }));
  await education.keyboard.press('Enter');
  await expect(education.getByText('Decision recorded')).toBeVisible();

  const culture = await as(browser, 'consultee-pt-culture');
  await openTask(culture, TITLE);
  // A required reason is required in the form: shown at its field.
  await culture.getByLabel('Object', { exact: true }).check({ force: true });
  await culture.getByRole('button', { name: 'Record the decision' }).click();
  await expect(culture.getByText('This decision needs a reason.')).toBeVisible();
  await culture.getByLabel('Reason (required)').fill('The migration field has no action at all.');
  await culture.getByRole('button', { name: 'Record the decision' }).click();
  await expect(culture.getByText('Decision recorded')).toBeVisible();
});

test('the submitter sees what asked for the revision, revises, and the objector supports', async ({ browser }) => {
  const page = await as(browser, 'submitter-pt');
  await planStatus(page, planId, 'Revision');
  await page.goto(`${webUrl()}/workspace/${planId}`);
  await expect(page.getByTestId('revision-reasons')).toContainText('The migration field has no action at all.');
  await page.getByRole('button', { name: 'Add an action in Migration' }).click();
  await page.locator('#action-migration-0-title').fill('Welcome classes for newly arrived pupils');
  await page.locator('#action-migration-0-lead').fill('Ministry of Education');
  await page.getByRole('button', { name: 'Submit the revised version' }).click();
  await page.waitForURL(new RegExp(`/plans/${planId}$`));
  await planStatus(page, planId, 'National consultation');

  const culture = await as(browser, 'consultee-pt-culture');
  await openTask(culture, TITLE);
  await decide(culture, 'Support');
});

test('a cso comments, the submitter disposes of the comment, the secretariat approves', async ({ browser }) => {
  const cso = await as(browser, 'cso-youth-network');
  await eventually(cso, async () => {
    await cso.goto(`${webUrl()}/civil-society`);
    await expect(cso.getByRole('link', { name: TITLE })).toBeVisible({ timeout: 3_000 });
  });
  await expect(cso.getByText(/^Closes in /)).toBeVisible();
  await expectAccessible(cso, 'the civil society page');
  const form = cso.getByRole('form', { name: `Comment on “${TITLE}”` });
  await form.getByLabel('About').selectOption('youth');
  await form.getByLabel('Your comment').fill('Youth organisations should co-lead the exchange programme.');
  await form.getByRole('button', { name: 'Post the comment' }).click();
  await expect(cso.getByText('Your comment was posted.')).toBeVisible();

  // The window closes on the workflow's clock; then the submitter's disposition task appears.
  const submitter = await as(browser, 'submitter-pt');
  await eventually(submitter, async () => {
    await submitter.goto(`${webUrl()}/inbox`);
    await expect(
      submitter.getByTestId('task-row').filter({ hasText: 'Disposition' }).filter({ hasText: TITLE }),
    ).toBeVisible({
      timeout: 3_000,
    });
  });
  await openTask(submitter, TITLE);
  await submitter.getByLabel('Disposition', { exact: true }).selectOption('accepted');
  await submitter.getByLabel('Public response').fill('Accepted: youth organisations co-lead it.');
  await submitter.getByRole('button', { name: 'Record the decision' }).click();
  await expect(submitter.getByText('Decision recorded')).toBeVisible();

  const secretariat = await as(browser, 'secretariat-anna');
  await eventually(secretariat, async () => {
    await secretariat.goto(`${webUrl()}/inbox`);
    await expect(secretariat.getByTestId('task-row').filter({ hasText: TITLE })).toBeVisible({ timeout: 3_000 });
  });
  await openTask(secretariat, TITLE);
  await secretariat.getByRole('button', { name: 'Claim' }).click();
  await expect(secretariat.getByRole('button', { name: 'Give back' })).toBeVisible();
  await decide(secretariat, 'Approve');
});

test('the three seats endorse, and the plan shows ENDORSED with its whole timeline and diff', async ({ browser }) => {
  for (const seat of ['gof-es', 'gof-tr', 'gof-unesco'] as const) {
    const page = await as(browser, seat);
    await eventually(page, async () => {
      await page.goto(`${webUrl()}/inbox`);
      await expect(page.getByTestId('task-row').filter({ hasText: TITLE })).toBeVisible({ timeout: 3_000 });
    });
    await openTask(page, TITLE);
    await decide(page, 'Endorse');
  }
  const page = await as(browser, 'submitter-pt');
  await planStatus(page, planId, 'Endorsed');
  const timeline = page.getByTestId('timeline');
  for (const event of [
    'Plan submitted',
    'Revision requested',
    'Comment posted',
    'Comment disposed of',
    'Plan endorsed',
  ]) {
    await expect(timeline.getByText(event, { exact: true }).first()).toBeVisible();
  }
  await page.getByLabel('From version', { exact: true }).selectOption('1');
  await page.getByLabel('To version', { exact: true }).selectOption('2');
  await expect(page.getByRole('table', { name: 'Changes from version 1 to version 2' })).toContainText(
    'Welcome classes',
  );
  await expectAccessible(page, 'the plan page');
  await screenshot(page, 'plan-diff');
});

test('the admin finds the task in waiting-on, moves its deadline and reassigns it; the dashboard is accessible', async ({
  browser,
}) => {
  const title = await planAtSecretariat('Waiting plan');
  // The users directory lists the users the API has seen: omar, to reassign to, once signed in.
  await apiAs().expect(200, 'secretariat-omar', 'GET', '/tasks');
  const admin = await as(browser, 'admin-ops');
  const row = admin.getByTestId('waiting-on').getByRole('row').filter({ hasText: title });
  await eventually(admin, async () => {
    await admin.goto(`${webUrl()}/admin`);
    await expect(row).toContainText('Secretariat review', { timeout: 5_000 });
  });
  await expectAccessible(admin, 'the dashboard');
  await screenshot(admin, 'dashboard');
  await row.getByRole('button', { name: 'Move the deadline' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Move the deadline' }).click();
  await expect(admin.getByRole('dialog')).toBeHidden();
  await row.getByRole('button', { name: 'Reassign' }).click();
  await admin.getByLabel("User holding the task's role and scope").selectOption('secretariat-omar');
  await admin.getByRole('dialog').getByRole('button', { name: 'Reassign' }).click();
  await expect(admin.getByRole('dialog')).toBeHidden();
  await expect(row).toContainText('secretariat-omar');
});

test('two reviewers race on one task; the loser sees the 409 message', async ({ browser }) => {
  const title = await planAtSecretariat('Race plan');
  const anna = await as(browser, 'secretariat-anna');
  const omar = await as(browser, 'secretariat-omar');
  for (const page of [anna, omar]) {
    await eventually(page, async () => {
      await page.goto(`${webUrl()}/inbox`);
      await expect(page.getByTestId('task-row').filter({ hasText: title })).toBeVisible({ timeout: 3_000 });
    });
    await openTask(page, title);
  }
  // Both claim at once: the workflow takes one claim, the other is refused (409) and told so.
  const message = 'Someone else has already decided or claimed this task.';
  await Promise.all([anna, omar].map((page) => page.getByRole('button', { name: 'Claim' }).click()));
  const lost = async (page: Page) => ((await page.getByText(message, { exact: false }).count()) > 0 ? 1 : 0);
  await expect.poll(async () => (await lost(anna)) + (await lost(omar)), { timeout: 15_000 }).toBe(1);
  const [winner, loser] = (await lost(anna)) ? [omar, anna] : [anna, omar];
  await expect(winner.getByRole('button', { name: 'Give back' })).toBeVisible();
  // The loser's page was reloaded: it shows who holds the task now.
  const holder = winner === anna ? 'secretariat-anna' : 'secretariat-omar';
  await expect(loser.locator('.aoc-facts')).toContainText(holder);
  await expectAccessible(loser, 'the task page with the 409 message');
});

test('a decision in one context appears in an open inbox of another without a reload', async ({ browser }) => {
  const title = await planAtSecretariat('Live plan');
  const anna = await as(browser, 'secretariat-anna');
  const omar = await as(browser, 'secretariat-omar');
  await eventually(omar, async () => {
    await omar.goto(`${webUrl()}/inbox`);
    await expect(omar.getByTestId('task-row').filter({ hasText: title })).toContainText('Nobody', { timeout: 3_000 });
  });
  await openTask(anna, title);
  await anna.getByRole('button', { name: 'Claim' }).click();
  // No reload: the event stream refreshes omar's open inbox.
  await expect(omar.getByTestId('task-row').filter({ hasText: title })).toContainText('secretariat-anna', {
    timeout: 20_000,
  });
});
