import { expect, test } from '@playwright/test';
import { apiAs, planPastConsultation, signIn, signInAvailable, webUrl } from './support';

/**
 * Moderation from the plan page (DOMAIN §4.2): the secretariat hides a civil society comment with
 * a reason; a blank reason is refused at its field and hides nothing; the comment then shows as
 * hidden, with its reason, and the API says so to its author too. The plan and the comment are
 * arranged through the API, on the real stack (global-setup.ts).
 */
const TEXT = 'This comment insults a named official.';

interface CommentView {
  id: string;
  hidden: boolean;
  hiddenReason?: string | null;
  text: string | null;
}

/** A plan in its comment window, with one comment of cso-media-watch: the plan's id. */
async function planWithComment(): Promise<string> {
  const api = apiAs();
  const plan = { id: await planPastConsultation(`Moderated plan ${Date.now()}`) };
  await expect
    .poll(async () => (await api.expect<{ status: string }>(200, 'submitter-pt', 'GET', `/plans/${plan.id}`)).status, {
      timeout: 30_000,
    })
    .toBe('CIVIL_SOCIETY_COMMENT');
  await api.expect(201, 'cso-media-watch', 'POST', `/plans/${plan.id}/comments`, { text: TEXT, field: 'media' });
  return plan.id;
}

const commentsAs = (user: 'cso-media-watch' | 'submitter-pt', planId: string) =>
  apiAs().expect<CommentView[]>(200, user, 'GET', `/plans/${planId}/comments`);

test('the secretariat hides a comment from the plan page; a blank reason is refused at its field', async ({ page }) => {
  expect(await signInAvailable(), 'the API offers no sign-in session (GET /auth/login answers no redirect)').toBe(true);
  const planId = await planWithComment();
  await signIn(page, 'secretariat-anna');
  await page.goto(`${webUrl()}/plans/${planId}`);

  const comment = page.locator('.aoc-comment');
  await expect(comment).toHaveCount(1);
  await expect(comment).toContainText(TEXT);
  // Its organization by the registry's name, not its id.
  await expect(comment).toContainText('Media Watch Balkans');
  await comment.getByRole('button', { name: 'Hide' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hide this comment' });
  await expect(dialog).toBeVisible();

  // Blank: refused at the field, the dialog stays, nothing is hidden.
  await dialog.getByLabel('Reason (required)').fill('   ');
  await dialog.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(dialog.getByText('This field is required.')).toBeVisible();
  await expect(dialog).toBeVisible();
  expect((await commentsAs('cso-media-watch', planId)).map((c) => c.hidden)).toEqual([false]);

  // Cancelled, then opened again: it starts clean, with no reason and no error carried over.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await comment.getByRole('button', { name: 'Hide' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Reason (required)')).toHaveValue('');
  await expect(dialog.getByText('This field is required.')).toHaveCount(0);

  const reason = 'Names and insults an official (code of conduct, rule 3).';
  await dialog.getByLabel('Reason (required)').fill(reason);
  await dialog.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(dialog).toBeHidden();

  // The page shows it hidden, with its reason, and offers no second hiding.
  await expect(comment.getByText('Hidden', { exact: true })).toBeVisible();
  await expect(comment).toContainText(`Reason for hiding: ${reason}`);
  await expect(comment.getByRole('button', { name: 'Hide' })).toHaveCount(0);
  // And so does the API, to the comment's author: hidden, with the reason, the text withheld.
  const [seen] = await commentsAs('cso-media-watch', planId);
  expect(seen).toMatchObject({ hidden: true, hiddenReason: reason });
  // After a reload too: it was recorded, not only shown.
  await page.reload();
  await expect(page.locator('.aoc-comment').getByText('Hidden', { exact: true })).toBeVisible();
});
