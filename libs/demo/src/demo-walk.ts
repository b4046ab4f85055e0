import { randomUUID } from 'node:crypto';
import { ApiClient } from './api-client';
import { DemoUser } from './demo-users';

export interface WalkCast {
  submitter: DemoUser;
  consultees: DemoUser[];
  cso: DemoUser;
  secretariat: DemoUser;
  seats: DemoUser[];
}

type Step = (message: string) => void;

const LONGEST_WAIT_MS = 10 * 60_000;

/** The walk waits for the comment window to close; refuse at once if that would take ages. */
async function assertWindowClosesSoon(api: ApiClient, user: DemoUser, planId: string): Promise<void> {
  const timeline = await api.expect<{ type: string; payload: { commentWindowClosesAt?: string } }[]>(
    200,
    user,
    'GET',
    `/plans/${planId}/timeline`,
  );
  const closesAt = timeline.reverse().find((e) => e.payload.commentWindowClosesAt)?.payload.commentWindowClosesAt;
  if (closesAt && Date.parse(closesAt) - Date.now() > LONGEST_WAIT_MS) {
    throw new Error(
      `the comment window closes at ${closesAt}; run the demo against \`npm run start:demo\`, whose stages last seconds`,
    );
  }
}

/**
 * Walks one plan through the four stages to ENDORSED through the HTTP API, as its users
 * would: every consultee supports, civil society comments and the submitter disposes,
 * the secretariat approves, and every Group of Friends seat endorses.
 */
export async function walkToEndorsed(
  api: ApiClient,
  draft: object,
  cast: WalkCast,
  step: Step = () => {},
): Promise<string> {
  const key = () => ({ 'Idempotency-Key': randomUUID() });
  const plan = await api.expect<{ id: string }>(201, cast.submitter, 'POST', '/plans', draft);
  step(`${cast.submitter} created draft ${plan.id}`);
  const submitted = await api.expect<{ version: { number: number; hash: string } }>(
    202,
    cast.submitter,
    'POST',
    `/plans/${plan.id}/submit`,
  );
  step(
    `${cast.submitter} submitted version ${submitted.version.number} (sha256 ${submitted.version.hash.slice(0, 12)}…)`,
  );

  await api.waitForStatus(cast.submitter, plan.id, 'NATIONAL_CONSULTATION');
  for (const consultee of cast.consultees) {
    const [task] = await api.waitForTasks(consultee, plan.id, 1, 'NATIONAL_CONSULTATION');
    await api.expect(200, consultee, 'POST', `/tasks/${task.id}/complete`, { decision: 'support' }, key());
    step(`${consultee} supports (${task.candidate.country}/${task.candidate.body})`);
  }

  await api.waitForStatus(cast.submitter, plan.id, 'CIVIL_SOCIETY_COMMENT');
  await assertWindowClosesSoon(api, cast.submitter, plan.id);
  const comment = await api.expect<{ id: string }>(201, cast.cso, 'POST', `/plans/${plan.id}/comments`, {
    text: 'Please add a measurable target for youth participation.',
    field: 'youth',
  });
  step(`${cast.cso} commented on the youth section; waiting for the comment window to close`);
  const [disposition] = await api.waitForTasks(cast.submitter, plan.id, 1, 'CIVIL_SOCIETY_COMMENT', LONGEST_WAIT_MS);
  await api.expect(
    200,
    cast.submitter,
    'POST',
    `/tasks/${disposition.id}/complete`,
    {
      decision: 'dispose',
      dispositions: [
        { commentId: comment.id, disposition: 'accepted', response: 'A target of 5,000 young people a year is added.' },
      ],
    },
    key(),
  );
  step(`${cast.submitter} disposed of the comment: accepted`);

  await api.waitForStatus(cast.submitter, plan.id, 'SECRETARIAT_REVIEW');
  const [review] = await api.waitForTasks(cast.secretariat, plan.id, 1, 'SECRETARIAT_REVIEW');
  await api.expect(200, cast.secretariat, 'POST', `/tasks/${review.id}/claim`);
  await api.expect(200, cast.secretariat, 'POST', `/tasks/${review.id}/complete`, { decision: 'approve' }, key());
  step(`${cast.secretariat} claimed the review and approved`);

  await api.waitForStatus(cast.submitter, plan.id, 'GOF_ENDORSEMENT');
  for (const seat of cast.seats) {
    const [task] = await api.waitForTasks(seat, plan.id, 1, 'GOF_ENDORSEMENT');
    await api.expect(200, seat, 'POST', `/tasks/${task.id}/complete`, { decision: 'endorse' }, key());
    step(`${seat} endorses (seat ${task.candidate.seat})`);
  }
  await api.waitForStatus(cast.submitter, plan.id, 'ENDORSED');
  step(`plan ${plan.id} is ENDORSED`);
  return plan.id;
}
