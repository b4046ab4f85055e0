import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, webUrl } from './support';

const ROOT = join(__dirname, '..', '..');

/** The app as the API serves it, before anyone signs in. */
test.describe('the web app, signed out', () => {
  test('is served at / by the API, with the sign-in page, and is accessible', async ({ page }) => {
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    const response = await page.goto(`${webUrl()}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await expect(signIn).toHaveAttribute('href', '/auth/login?returnTo=%2F');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, 'sign-in');
    expect(cspErrors).toEqual([]);
  });

  test('answers its own routes with the app (SPA fallback), and keeps /api for the API', async ({ page, request }) => {
    await page.goto(`${webUrl()}/tasks/00000000-0000-4000-8000-000000000000?x=1`);
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveAttribute(
      'href',
      `/auth/login?returnTo=${encodeURIComponent('/tasks/00000000-0000-4000-8000-000000000000?x=1')}`,
    );
    const health = await request.get(`${webUrl()}/api/health`);
    expect(health.headers()['content-type']).toContain('application/json');
    const missing = await request.get(`${webUrl()}/api/no-such-route`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toContain('application/json');
    // Hashed assets are cached for good; the page itself never.
    const index = await request.get(`${webUrl()}/inbox`);
    expect(index.headers()['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(script).toBeDefined();
    const asset = await request.get(`${webUrl()}${script}`);
    expect(asset.status()).toBe(200);
    expect(asset.headers()['cache-control']).toContain('immutable');
  });

  test('switches to French, every string from the French catalogue, and remembers it', async ({ page }) => {
    await page.goto(`${webUrl()}/`);
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(page, 'the sign-in page in French');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });

  test("the checked-in API types match the running API's /api/docs-json (contract drift)", () => {
    const check = spawnSync(
      process.execPath,
      [join(ROOT, 'dist/infra/openapi/api-client-types.js'), '--check', `${webUrl()}/api`],
      {
        encoding: 'utf8',
      },
    );
    expect(`${check.stdout}${check.stderr}`).toContain('matches');
    expect(check.status).toBe(0);
  });
});
