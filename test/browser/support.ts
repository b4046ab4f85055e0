import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import { ApiClient } from '@aoc/demo/api-client';
import type { DemoUser } from '@aoc/demo/demo-users';

/** The app and the API, one origin (global-setup.ts). */
export const webUrl = (): string => {
  const url = process.env.AOC_WEB_URL;
  if (!url) throw new Error('AOC_WEB_URL is not set: run the browser tests with npm run test:browser');
  return url;
};

/** The API with development tokens, to arrange what a test needs besides the pages (seats, clocks). */
export const apiAs = (): ApiClient => new ApiClient(webUrl(), DEV_JWT_SECRET);

export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** WCAG 2.1 AA with axe-core: no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(serious, `axe on ${what}`).toEqual([]);
}

/** Whether this API has the sign-in session (the backend-for-frontend of the identity issue). */
export async function signInAvailable(): Promise<boolean> {
  const response = await fetch(`${webUrl()}/auth/login?returnTo=/`, { redirect: 'manual' });
  return response.status === 302 || response.status === 303;
}

/** Signs in through the development identity provider's page: the app's button, then the demo user's. */
export async function signIn(page: Page, user: DemoUser, path = '/'): Promise<void> {
  await page.goto(`${webUrl()}${path}`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: user, exact: true }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** Presses Tab until `target` has the focus: the keyboard alone, as a person would. */
export async function tabTo(page: Page, target: import('@playwright/test').Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    // The element's own document (the server's types know no DOM: React's stubs of it lack ownerDocument).
    const focused = (el: unknown) =>
      el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;
    if (await target.evaluate(focused).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Reloads until `check` passes: for what the workflow does on its own clock (a window closing). */
export async function eventually(page: Page, check: () => Promise<void>, timeout = 120_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [2_000, 3_000, 5_000] });
}

/** A national plan of Portugal created, submitted and supported by its one body through the API: its id. */
export async function planPastConsultation(title: string): Promise<string> {
  const api = apiAs();
  const plan = await api.expect<{ id: string }>(201, 'submitter-pt', 'POST', '/plans', {
    kind: 'national_plan',
    title,
    summary: 'Arranged through the API.',
    country: 'PT',
    partners: [],
    consultees: { PT: ['ministry-education'] },
    fields: Object.fromEntries(
      ['education', 'media', 'youth', 'migration'].map((f) => [
        f,
        { objectives: [`An objective in ${f}`], actions: [] },
      ]),
    ),
    priorityTopics: [],
  });
  await api.expect(202, 'submitter-pt', 'POST', `/plans/${plan.id}/submit`);
  await expect(async () => {
    const inbox = await api.expect<{ items: { id: string }[] }>(
      200,
      'consultee-pt-education',
      'GET',
      `/tasks?planId=${plan.id}&status=open`,
    );
    expect(inbox.items).toHaveLength(1);
    await api.expect(
      200,
      'consultee-pt-education',
      'POST',
      `/tasks/${inbox.items[0].id}/complete`,
      { decision: 'support' },
      { 'idempotency-key': `support-${plan.id}` },
    );
  }).toPass({ timeout: 30_000 });
  return plan.id;
}
