/**
 * The registry's page and the editor's pickers in a browser (DOMAIN §12): an admin reads the
 * bodies with their holders, a refused CSV file lists its bad row by line and field, and the
 * screenshots of both pages (desktop and 390 px, English and French) land in docs/screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { apiAs, expectAccessible, screenshot, signIn, webUrl } from './support';

const PHONE = { width: 390, height: 844 };

async function inFrench(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
}

test('an admin keeps the registry: bodies with their holders, a bad CSV row by line and field', async ({ page }) => {
  await signIn(page, 'admin-ops', '/admin');
  await page.getByRole('link', { name: /The registry/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registry' })).toBeVisible();
  const bodies = page.getByTestId('registry-bodies');
  const education = bodies.getByRole('row', { name: /PT ministry-education/ });
  await expect(education).toBeVisible();
  await expect(bodies.getByRole('row', { name: /youth-institute/ })).toContainText('Nobody');
  await expectAccessible(page, 'the registry page');

  await bodies
    .getByLabel('CSV with its header line')
    .fill('country,id,name\nPT,csv-ok,A body\nPX,csv-bad,No country\n');
  await bodies.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-errors-bodies')).toContainText('Line 3, country');
  await expect(bodies.getByRole('row', { name: /csv-ok/ })).toHaveCount(0);
  await bodies.getByLabel('CSV with its header line').fill('');
  await screenshot(page, 'registry');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'registry-phone');
  await inFrench(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Registre' })).toBeVisible();
  await screenshot(page, 'registry-phone-fr');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'registry-fr');
});

test('the plan editor picks the country, the bodies and the partners from the registry', async ({ page }) => {
  await signIn(page, 'submitter-pt', '/workspace/new');
  await page.getByRole('combobox', { name: 'Country' }).fill('Portug');
  await page.getByRole('option', { name: 'Portugal (PT)' }).click();
  await page.getByRole('combobox', { name: 'Consultee bodies of PT' }).click();
  await expect(page.getByRole('option', { name: /Agency for Integration, Migration and Asylum/ })).toBeVisible();
  await page.getByRole('option', { name: /Ministry of Education/ }).click();
  await screenshot(page, 'editor-pickers');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'editor-pickers-phone');
  await page.keyboard.press('Escape');
  await inFrench(page);
  await page
    .getByRole('combobox', { name: 'Partenaires' })
    .click()
    .catch(() => undefined);
  await screenshot(page, 'editor-pickers-phone-fr');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'editor-pickers-fr');
});

test('the dashboard tells the admins of a user whose scope the registry does not know, and lists them', async ({
  page,
}) => {
  // A consultee signs in claiming a body the registry has never heard of.
  const claimant = {
    sub: `claimant-${Date.now()}`,
    roles: ['consultee' as const],
    country: 'PT',
    body: 'ministry-of-typos',
  };
  await apiAs().expect(200, claimant, 'GET', '/me');

  await signIn(page, 'admin-ops', '/admin');
  const warning = page.getByText(/claims? a scope the registry doesn't know/);
  await expect(warning).toBeVisible();
  await expectAccessible(page, 'the dashboard with the unknown-scope warning');
  await screenshot(page, 'admin-unknown-scope');
  await page.getByRole('link', { name: /See them in the registry/ }).click();
  await expect(page.getByText("Showing only the users whose scope the registry doesn't know.")).toBeVisible();
  const users = page.getByTestId('registry-users');
  await expect(users.getByRole('row', { name: new RegExp(claimant.sub) })).toContainText('ministry-of-typos');
  await expect(users.getByRole('row', { name: /admin-ops/ })).toHaveCount(0);
  await expectAccessible(page, 'the registry, users of unknown scope');
  await screenshot(page, 'registry-unknown-scope');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'registry-unknown-scope-phone');
  await inFrench(page);
  await expect(
    page.getByText('Seuls les utilisateurs dont le périmètre est inconnu du registre sont affichés.'),
  ).toBeVisible();
  await screenshot(page, 'registry-unknown-scope-phone-fr');
  await page.goto(`${webUrl()}/admin`);
  await expect(page.getByText(/inconnu du registre/).first()).toBeVisible();
  await screenshot(page, 'admin-unknown-scope-phone-fr');
});
