/**
 * The workflow's shapes, end to end: each test drives one path on the real dev server and
 * PostgreSQL (the TestHarness), with stage durations of seconds, until the plan's workflow has
 * closed, and checks how it closed. They run in every `npm test`.
 *
 * They are also the recorder of the histories that test/replay/replay.int-spec.ts replays
 * against the current workflow code (the release contract; see docs/workflow-versions.md). Each
 * run checks that the workflow took today's command order (the patches ONE_STEP_PATCH and
 * RULE_EVENTS_PATCH and ONE_TASK_PATCH, and on an endorsed review ADOPTION_RECORD_PATCH too). With
 * RECORD_HISTORIES set, each test also writes its history to test/replay/histories/<shape>.v0.6.json
 * (the earlier orders' sets, <shape>.one-step, .adoption-record, .rule-events, .one-task and .v0.5, stay as
 * they were recorded) and its workflow id to manifest.json:
 *
 *   RECORD_HISTORIES=1 npx jest test/workflows/shapes -t '<shape>'
 *
 * Record only a new shape, or the shapes of a new command order under new names: a history that
 * is recorded already is never written again (the recorder leaves it as it is). 0.2.0's histories, and its
 * negative control derived from `secretariat-reject`, stay as they were recorded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { GofSeatEntity } from '@aoc/persistence';
import {
  actor,
  cancel,
  consulteeOf,
  decide,
  decideAs,
  eventsOf,
  extendDeadline,
  hideComment,
  insertNextVersion,
  insertSubmittedPlan,
  nationalContent,
  postComment,
  reachEndorsement,
  reachSecretariatReview,
  regionalContent,
  seatHolderOf,
  startReview,
  submitRevision,
  taskRow,
  supportConsultation,
  tasksOf,
  waitForEvents,
  waitForOpenTasks,
  waitForStatus,
  withdraw,
} from '../support/fixtures';
import { fastSettings, TestHarness, useHarness } from '../support/harness';
import { claimTaskUpdate, planWorkflowId, reassignTaskUpdate, releaseTaskUpdate } from '../support/workflow-contracts';
import { historyToJSON as historyToJson } from '@temporalio/common/lib/proto-utils';
import { RECORD_STEPS } from '@aoc/workflows/record-steps';
import {
  HISTORIES_DIR,
  HistoryJson,
  ONE_STEP_PATCH,
  ONE_TASK_PATCH,
  RecordedHistory,
  Shape,
  historyPath,
  localActivityTypesOf,
  decisionTaskSpans,
  patchIdsOf,
  RULE_EVENTS_PATCH,
  v06Name,
  NAMED_STEPS_PATCH,
  DISPOSITION_CONSULTS_NEW_PATCH,
  scheduledActivityTypesOf,
  ADOPTION_RECORD_PATCH,
  readManifest,
  workflowTypeOf,
  writeManifest,
} from '../replay/recorded-histories';

const COMPLETED = 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED';
const CANCELED = 'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED';
const PRETTIER = require.resolve('prettier/bin/prettier.cjs');
const SDK_VERSION = (
  JSON.parse(readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }
).version;

/** Stage durations of seconds; the comment window is short (1 s): the shapes that comment give it a longer one. */
const quick = (overrides: Parameters<typeof fastSettings>[0] = {}, maxRevisionRounds?: number) =>
  fastSettings({ CIVIL_SOCIETY_COMMENT: 1_000, ...overrides }, maxRevisionRounds);

/** Writes files as `npx prettier --write` would, so that formatting the repository changes no history. */
function writeFormatted(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  execFileSync(process.execPath, [PRETTIER, '--log-level', 'warn', '--write', ...Object.keys(files)]);
}

/**
 * Fetches the (closed) workflow's history, checks it is of the expected type, closed as expected
 * and on today's command order, and saves it as `<shape>.one-step` with its manifest entry.
 */
async function save(
  h: TestHarness,
  shape: Shape,
  workflowId: string,
  expected: { workflowType: RecordedHistory['workflowType']; closedBy: string; description: string },
): Promise<HistoryJson> {
  const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
  const text = historyToJson(history);
  const json = JSON.parse(text) as HistoryJson;
  expect(workflowTypeOf(json)).toBe(expected.workflowType);
  expect(json.events.at(-1)?.eventType).toBe(expected.closedBy);
  // An endorsed review ends with its adoption record (v0.4): that patch, then that one activity.
  const records = scheduledActivityTypesOf(json).filter((type) => type === 'issueAdoptionRecord');
  // A disposition that attaches a version decides DISPOSITION_CONSULTS_NEW there (0.6).
  const revisedAtDisposition = shape === 'disposition-with-revision' && expected.workflowType === 'planReviewWorkflow';
  const today = [
    ONE_STEP_PATCH,
    RULE_EVENTS_PATCH,
    ONE_TASK_PATCH,
    NAMED_STEPS_PATCH,
    ...(revisedAtDisposition ? [DISPOSITION_CONSULTS_NEW_PATCH] : []),
  ];
  expect(patchIdsOf(json)).toEqual(records.length > 0 ? [...today, ADOPTION_RECORD_PATCH] : today);
  expect(records.length).toBeLessThanOrEqual(1);
  // Only the lookups are local activities: a write is scheduled with the acceptance of its Update.
  const local = new Set(localActivityTypesOf(json));
  expect([...RECORD_STEPS, 'writeReviewRecords'].filter((step) => local.has(step))).toEqual([]);
  // NAMED_STEPS: every write is named for its step; none is the 0.5 catch-all.
  expect(scheduledActivityTypesOf(json)).not.toContain('writeReviewRecords');
  // A decision answers in the workflow task that accepts it (ONE_TASK_PATCH).
  expect(decisionTaskSpans(json).filter((span) => span !== 0)).toEqual([]);
  if (!RECORDING) return json;

  // Each command order is recorded under its own name; a recorded history is never recorded again.
  const name = v06Name(shape);
  if (existsSync(historyPath(name))) return json;
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFormatted({ [historyPath(name)]: `${text}\n` });
  const manifest = readManifest();
  manifest.recordedWith = `@temporalio/worker ${SDK_VERSION}`;
  const order = `0.6: ${[...today, ...(records.length > 0 ? [ADOPTION_RECORD_PATCH] : [])].join(', ')}`;
  manifest.histories = [
    ...manifest.histories.filter((entry) => entry.name !== name),
    { name, workflowId, ...expected, description: `${expected.description} (${order})` },
  ];
  writeManifest(manifest);
  return json;
}

const savePlan = (h: TestHarness, name: Shape, planId: string, closedBy: string, description: string) =>
  save(h, name, planWorkflowId(planId), { workflowType: 'planReviewWorkflow', closedBy, description });

async function endorseAll(h: TestHarness, planId: string): Promise<void> {
  const seats = await h.db.getRepository(GofSeatEntity).count();
  const tasks = await waitForOpenTasks(h, planId, 'endorsement', seats);
  for (const task of tasks) await decideAs(h, task, seatHolderOf(task), { decision: 'endorse' });
}

/** Waits for the plan's open secretariat review task and rejects it: the shortest way to a closed run. */
async function rejectInSecretariat(h: TestHarness, planId: string, version = 1): Promise<void> {
  const [task] = await waitForOpenTasks(h, planId, 'secretariat_review', 1);
  expect(task.versionNumber).toBe(version);
  await decide(h, task, 'secretariat-anna', { decision: 'reject', reason: 'Recorded for the replay tests.' });
}

const expectResult = async (handle: WorkflowHandle, status: string) =>
  expect(await handle.result()).toMatchObject({ status });

const RECORDING = Boolean(process.env.RECORD_HISTORIES);

describe('the workflow shapes (and, with RECORD_HISTORIES, the recorder of their histories)', () => {
  const h = useHarness({ demoSeats: true });

  it('national-endorsed: all support, a comment and its disposition, approve, every seat endorses early', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', fastSettings({ CIVIL_SOCIETY_COMMENT: 3_000 }));
    const [first, second] = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    await decide(h, first, consulteeOf(first), { decision: 'support' });
    await decide(h, second, consulteeOf(second), { decision: 'support_with_comments', comment: 'Add museums.' });
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const comment = await postComment(h, plan.id, 'cso-youth-network', 'Involve youth councils.', 'youth');
    const [disposition] = await waitForOpenTasks(h, plan.id, 'disposition', 1);
    await decide(h, disposition, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [{ commentId: comment.id, disposition: 'accepted', response: 'Added to the youth section.' }],
    });
    const [review] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    await decide(h, review, 'secretariat-anna', { decision: 'approve' });
    await endorseAll(h, plan.id);
    await expectResult(handle, 'ENDORSED');
    await savePlan(
      h,
      'national-endorsed',
      plan.id,
      COMPLETED,
      'National plan: both bodies support, one CSO comment disposed of, secretariat approves, every seat endorses before the deadline.',
    );
  });

  it('objection-reconsultation: an objection, a revision, the objector consulted again', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', quick());
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    const byBody = Object.fromEntries(tasks.map((t) => [t.candidateBody, t]));
    await decide(h, byBody['ministry-education'], 'consultee-pt-education', { decision: 'support' });
    await decide(h, byBody['ministry-culture'], 'consultee-pt-culture', { decision: 'object', reason: 'No budget.' });
    await waitForStatus(h, plan.id, 'REVISION');
    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'submitter-pt');
    const [again] = await waitForOpenTasks(h, plan.id, 'consultation', 1);
    expect(again.versionNumber).toBe(2);
    await decide(h, again, 'consultee-pt-culture', { decision: 'support' });
    await rejectInSecretariat(h, plan.id, 2);
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'objection-reconsultation',
      plan.id,
      COMPLETED,
      'National plan: one body objects, revision to version 2, only the objector is consulted again and supports; empty comment window; secretariat rejects.',
    );
  });

  it('secretariat-revision-approved: request_revision, a new version, approve, every seat endorses', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, quick());
    await decide(h, task, 'secretariat-anna', { decision: 'request_revision', reason: 'Indicators are missing.' });
    await waitForStatus(h, plan.id, 'REVISION');
    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'submitter-pt');
    const [again] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    expect(again.versionNumber).toBe(2);
    await decide(h, again, 'secretariat-omar', { decision: 'approve' });
    await endorseAll(h, plan.id);
    await expectResult(handle, 'ENDORSED');
    await savePlan(
      h,
      'secretariat-revision-approved',
      plan.id,
      COMPLETED,
      'National plan: the secretariat requests a revision, version 2 returns straight to secretariat review and is approved; every seat endorses.',
    );
  });

  it('secretariat-reject: the secretariat rejects', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, quick());
    await decide(h, task, 'secretariat-anna', { decision: 'reject', reason: 'Not a plan for intercultural dialogue.' });
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'secretariat-reject',
      plan.id,
      COMPLETED,
      'National plan: both bodies support, empty comment window, the secretariat rejects.',
    );
  });

  it('silence-broken: a seat breaks silence, the plan goes back to the secretariat', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, quick());
    await decideAs(h, tasks[0], seatHolderOf(tasks[0]), {
      decision: 'break_silence',
      reason: 'The budget is unclear.',
    });
    await waitForEvents(h, plan.id, 'SILENCE_BROKEN');
    await rejectInSecretariat(h, plan.id);
    await expectResult(handle, 'REJECTED');
    expect(await eventsOf(h, plan.id, 'TASK_CANCELLED')).toHaveLength(tasks.length - 1);
    await savePlan(
      h,
      'silence-broken',
      plan.id,
      COMPLETED,
      'National plan: in endorsement one seat breaks silence, the other tasks are cancelled, back to secretariat review, which rejects.',
    );
  });

  it('withdrawn-mid-consultation: withdrawn while a consultation task is open', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', quick());
    const [first, second] = await waitForOpenTasks(h, plan.id, 'consultation', 2);
    await decide(h, first, consulteeOf(first), { decision: 'support' });
    expect(await withdraw(h, plan.id, 'submitter-pt', 'Superseded.')).toMatchObject({ status: 'WITHDRAWN' });
    await expectResult(handle, 'WITHDRAWN');
    expect((await taskRow(h, second.id)).status).toBe('cancelled');
    await savePlan(
      h,
      'withdrawn-mid-consultation',
      plan.id,
      COMPLETED,
      'National plan: withdrawn during national consultation with one body answered; the child consultation is cancelled.',
    );
    await save(h, 'withdrawn-consultation-child', second.workflowId, {
      workflowType: 'nationalConsultationWorkflow',
      closedBy: CANCELED,
      description: 'The cancelled child consultation of withdrawn-mid-consultation: one answer, then cancelled.',
    });
  });

  it('regional-three-consultations: three child consultations in parallel, one country silent', async () => {
    const plan = await insertSubmittedPlan(h, regionalContent(), 'coordinator-see');
    const handle = await startReview(h, plan, 'coordinator-see', quick({ NATIONAL_CONSULTATION: 4_000 }));
    const tasks = await waitForOpenTasks(h, plan.id, 'consultation', 3);
    expect(new Set(tasks.map((t) => t.workflowId)).size).toBe(3);
    const byCountry = Object.fromEntries(tasks.map((t) => [t.candidateCountry, t]));
    await decide(h, byCountry.AL, consulteeOf(byCountry.AL), { decision: 'support' });
    await decide(h, byCountry.BA, consulteeOf(byCountry.BA), {
      decision: 'support_with_comments',
      comment: 'Name the minorities.',
    });
    // Croatia stays silent: its child's reminder and deadline fire, the answer is no_response.
    await rejectInSecretariat(h, plan.id);
    await expectResult(handle, 'REJECTED');
    expect((await taskRow(h, byCountry.HR.id)).decision).toBe('no_response');
    await savePlan(
      h,
      'regional-three-consultations',
      plan.id,
      COMPLETED,
      'Regional strategy (AL, BA, HR): three child consultations; AL supports, BA supports with comments, HR is silent (no_response); secretariat rejects.',
    );
    await save(h, 'regional-consultation-child', byCountry.HR.workflowId, {
      workflowType: 'nationalConsultationWorkflow',
      closedBy: COMPLETED,
      description:
        'The HR child consultation of regional-three-consultations: reminder, then overdue with no_response.',
    });
  });

  it('extended-deadline: an admin moves the secretariat task deadline, then the secretariat decides', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, quick());
    const dueAt = task.dueAt.getTime() + 30_000;
    expect(await extendDeadline(h, task, dueAt, 'admin-ops')).toEqual({ taskId: task.id, dueAt });
    await waitForEvents(h, plan.id, 'DEADLINE_EXTENDED');
    await rejectInSecretariat(h, plan.id);
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'extended-deadline',
      plan.id,
      COMPLETED,
      "National plan: an admin extends the secretariat review task's deadline (the timer is re-armed); the secretariat rejects.",
    );
  });

  it('secretariat-overdue: the secretariat task gets its reminder, goes overdue and is escalated', async () => {
    const { plan, handle } = await reachSecretariatReview(h, quick({ SECRETARIAT_REVIEW: 2_000 }));
    await waitForEvents(h, plan.id, 'TASK_REMINDER');
    await waitForEvents(h, plan.id, 'ESCALATED');
    expect(await eventsOf(h, plan.id, 'TASK_OVERDUE')).toHaveLength(1);
    await rejectInSecretariat(h, plan.id);
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'secretariat-overdue',
      plan.id,
      COMPLETED,
      'National plan: the secretariat task (2 s) gets its reminder, goes overdue and is escalated, stays open; the secretariat then rejects.',
    );
  });

  it('cancelled-during-endorsement: an admin cancels the review while the seats endorse', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, quick());
    const es = tasks.find((t) => t.candidateSeat === 'ES')!;
    await decide(h, es, 'gof-es', { decision: 'endorse' });
    expect(await cancel(h, plan.id, 'admin-ops', 'Duplicate submission.')).toMatchObject({ status: 'CANCELLED' });
    await expectResult(handle, 'CANCELLED');
    const rows = await tasksOf(h, plan.id, 'endorsement');
    expect(rows.filter((t) => t.status === 'cancelled')).toHaveLength(tasks.length - 1);
    await savePlan(
      h,
      'cancelled-during-endorsement',
      plan.id,
      COMPLETED,
      'National plan: secretariat approves, one seat endorses, then an admin cancels during endorsement; the other seat tasks are cancelled.',
    );
  });

  it('silence-holds: nobody acts in endorsement, the plan is endorsed at the deadline', async () => {
    const { plan, handle, tasks } = await reachEndorsement(h, quick({ GOF_ENDORSEMENT: 2_000 }));
    await expectResult(handle, 'ENDORSED');
    const rows = await tasksOf(h, plan.id, 'endorsement');
    expect(rows).toHaveLength(tasks.length);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'completed', decision: 'silent', completedBy: 'system' });
    await savePlan(
      h,
      'silence-holds',
      plan.id,
      COMPLETED,
      "National plan: secretariat approves, no seat acts; at the endorsement deadline (2 s) every seat's task closes silent and the plan is endorsed.",
    );
  });

  it('escalation-after-rounds: two revision rounds with maxRevisionRounds 1, the second escalates', async () => {
    const { plan, handle, task } = await reachSecretariatReview(h, quick({}, 1));
    await decide(h, task, 'secretariat-anna', { decision: 'request_revision', reason: 'Round one.' });
    await waitForStatus(h, plan.id, 'REVISION');
    const v2 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v2, 'submitter-pt');
    const [second] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    expect(second.versionNumber).toBe(2);
    await decide(h, second, 'secretariat-omar', { decision: 'request_revision', reason: 'Round two.' });
    await waitForEvents(h, plan.id, 'ESCALATED');
    await waitForStatus(h, plan.id, 'REVISION');
    const v3 = await insertNextVersion(h, plan.id);
    await submitRevision(h, plan.id, v3, 'submitter-pt');
    await rejectInSecretariat(h, plan.id, 3);
    await expectResult(handle, 'REJECTED');
    expect(await eventsOf(h, plan.id, 'ESCALATED')).toHaveLength(1);
    await savePlan(
      h,
      'escalation-after-rounds',
      plan.id,
      COMPLETED,
      'National plan, maxRevisionRounds 1: the secretariat requests a revision twice (versions 2 and 3), the second round is escalated; the secretariat rejects version 3.',
    );
  });

  it('reassigned-and-hidden: a comment hidden in the window, the secretariat task reassigned', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', quick({ CIVIL_SOCIETY_COMMENT: 5_000 }));
    await supportConsultation(h, plan.id, 2);
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const kept = await postComment(h, plan.id, 'cso-youth-network', 'Involve youth councils.', 'youth');
    const abusive = await postComment(h, plan.id, 'cso-media-watch', 'An abusive remark.');
    await hideComment(h, plan.id, abusive.id, 'abusive language', 'secretariat-anna');
    const [disposition] = await waitForOpenTasks(h, plan.id, 'disposition', 1);
    await decide(h, disposition, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [{ commentId: kept.id, disposition: 'accepted', response: 'Added to the youth section.' }],
    });
    const [review] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    const reviewWorkflow = h.client.workflow.getHandle(review.workflowId);
    const byAnna = { taskId: review.id, actor: actor('secretariat-anna') };
    await reviewWorkflow.executeUpdate(claimTaskUpdate, { args: [byAnna] });
    await reviewWorkflow.executeUpdate(releaseTaskUpdate, { args: [byAnna] });
    await reviewWorkflow.executeUpdate(claimTaskUpdate, { args: [byAnna] });
    expect(
      await reviewWorkflow.executeUpdate(reassignTaskUpdate, {
        args: [
          {
            taskId: review.id,
            assignee: 'secretariat-omar',
            actor: 'admin-ops',
            // The users directory's record of the assignee, as the API sends it (assertAssignable).
            assigneeProfile: actor('secretariat-omar'),
          },
        ],
      }),
    ).toEqual({ taskId: review.id, assignee: 'secretariat-omar' });
    await waitForEvents(h, plan.id, 'TASK_REASSIGNED');
    await decide(h, review, 'secretariat-omar', { decision: 'reject', reason: 'Recorded for the replay tests.' });
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'reassigned-and-hidden',
      plan.id,
      COMPLETED,
      'National plan: two CSO comments, the secretariat hides one in the window, the disposition covers the visible one; a reviewer claims, releases and claims the secretariat task, an admin reassigns it (the claim goes), and its new assignee rejects.',
    );
  });

  it('disposition-with-revision: the disposition attaches version 2, later stages review it', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await startReview(h, plan, 'submitter-pt', quick({ CIVIL_SOCIETY_COMMENT: 5_000 }));
    await supportConsultation(h, plan.id, 2);
    await waitForStatus(h, plan.id, 'CIVIL_SOCIETY_COMMENT');
    const comment = await postComment(h, plan.id, 'cso-youth-network', 'Involve youth councils.', 'youth');
    const [disposition] = await waitForOpenTasks(h, plan.id, 'disposition', 1);
    const v2 = await insertNextVersion(h, plan.id);
    await decide(h, disposition, 'submitter-pt', {
      decision: 'dispose',
      dispositions: [{ commentId: comment.id, disposition: 'accepted', response: 'Added in version 2.' }],
      revisedVersion: v2,
    });
    await rejectInSecretariat(h, plan.id, 2);
    await expectResult(handle, 'REJECTED');
    await savePlan(
      h,
      'disposition-with-revision',
      plan.id,
      COMPLETED,
      'National plan: one CSO comment, its disposition attaches a revised version 2 (loaded by the workflow); secretariat review runs on version 2 and rejects.',
    );
  });
});
