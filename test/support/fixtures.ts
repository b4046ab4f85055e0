import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { contentHash } from '../../apps/api/src/plans/plan.views';
import { nationalPlan, regionalStrategy } from '@aoc/demo/demo-plans';
import { DEMO_SEATS, DEMO_USERS, DemoUser } from '@aoc/demo/demo-users';
import type { Actor } from '@aoc/domain/actor';
import type { PlanContent, VersionRef } from '@aoc/domain/plan.types';
import type { ReviewSettings } from '@aoc/domain/review/plan-review.state';
import type { TaskDecisionInput } from '@aoc/domain/task.types';
import { CommentEntity, EventEntity, GofSeatEntity, PlanEntity, PlanVersionEntity, TaskEntity } from '@aoc/persistence';
import {
  cancelUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  hideCommentUpdate,
  planReviewWorkflow,
  planWorkflowId,
  postCommentUpdate,
  snapshotQuery,
  submitRevisionUpdate,
  withdrawUpdate,
} from './workflow-contracts';
import { TestHarness, eventually } from './harness';

/** What the fixtures that only read and write rows need: a harness, or any DataSource as `{ db }`. */
export type OnDatabase = Pick<TestHarness, 'db'>;

export const actor = (user: DemoUser): Actor => DEMO_USERS[user] as Actor;

export const nationalContent = (): PlanContent => nationalPlan() as PlanContent;
export const regionalContent = (): PlanContent => regionalStrategy() as PlanContent;

/** Inserts a plan frozen at version 1, as the API's submit does. */
export async function insertSubmittedPlan(h: OnDatabase, content: PlanContent, submittedBy: string) {
  const id = randomUUID();
  const version: VersionRef = { number: 1, hash: contentHash(content) };
  const countries = content.kind === 'national_plan' ? [content.country!] : content.countries!;
  await h.db.getRepository(PlanEntity).insert({
    id,
    kind: content.kind,
    title: content.title,
    draft: content,
    countries,
    createdBy: submittedBy,
    submittedBy,
    latestVersion: 1,
    workflowId: planWorkflowId(id),
  });
  await h.db
    .getRepository(PlanVersionEntity)
    .insert({ planId: id, number: 1, hash: version.hash, content, createdBy: submittedBy });
  return { id, version };
}

/** Freezes the next version of a plan (optionally changed), as the API's revise-and-submit does. */
export async function insertNextVersion(
  h: OnDatabase,
  planId: string,
  change: (c: PlanContent) => PlanContent = (c) => c,
) {
  const plan = await h.db.getRepository(PlanEntity).findOneByOrFail({ id: planId });
  const content = change({ ...plan.draft, summary: `${plan.draft.summary} (revised ${plan.latestVersion + 1})` });
  const version: VersionRef = { number: plan.latestVersion + 1, hash: contentHash(content) };
  await h.db
    .getRepository(PlanVersionEntity)
    .insert({ planId, number: version.number, hash: version.hash, content, createdBy: plan.createdBy });
  await h.db.getRepository(PlanEntity).update({ id: planId }, { latestVersion: version.number, draft: content });
  return version;
}

/** Every test file shares the demo's three seats (ES, TR, UNESCO): seats are global to the database. */
export async function ensureDemoSeats(h: OnDatabase): Promise<void> {
  await h.db.getRepository(GofSeatEntity).upsert(DEMO_SEATS, ['seat']);
}

export async function startReview(
  h: TestHarness,
  plan: { id: string; version: VersionRef },
  submittedBy: string,
  settings: ReviewSettings,
): Promise<WorkflowHandle<typeof planReviewWorkflow>> {
  const handle = await h.client.workflow.start(planReviewWorkflow, {
    workflowId: planWorkflowId(plan.id),
    taskQueue: h.taskQueue,
    args: [{ planId: plan.id, submittedBy, version: plan.version, settings }],
  });
  return h.track(handle);
}

export async function planStatus(h: OnDatabase, planId: string): Promise<string> {
  return (await h.db.getRepository(PlanEntity).findOneByOrFail({ id: planId })).status;
}

export const waitForStatus = (h: OnDatabase, planId: string, status: string, timeoutMs?: number) =>
  eventually(
    `plan to be ${status}`,
    async () => ((await planStatus(h, planId)) === status ? status : undefined),
    timeoutMs,
  );

export async function openTasks(h: OnDatabase, planId: string, type?: string): Promise<TaskEntity[]> {
  return h.db.getRepository(TaskEntity).find({
    where: { planId, status: 'open', ...(type ? { type: type as TaskEntity['type'] } : {}) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

export const waitForOpenTasks = (h: OnDatabase, planId: string, type: string, count: number, timeoutMs?: number) =>
  eventually(
    `${count} open ${type} task(s)`,
    async () => {
      const tasks = await openTasks(h, planId, type);
      return tasks.length >= count ? tasks : undefined;
    },
    timeoutMs,
  );

/** Completes a task through the Update of its owning workflow, as the API does. */
export async function decide(
  h: TestHarness,
  task: TaskEntity,
  user: DemoUser,
  input: TaskDecisionInput,
  key = randomUUID(),
) {
  return decideAs(h, task, actor(user), input, key);
}

export async function submitRevision(h: TestHarness, planId: string, version: VersionRef, by: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(submitRevisionUpdate, { args: [{ version, actor: by }] });
}

export async function eventsOf(h: OnDatabase, planId: string, type?: string): Promise<EventEntity[]> {
  return h.db.getRepository(EventEntity).find({
    where: { planId, ...(type ? { type: type as EventEntity['type'] } : {}) },
    order: { id: 'ASC' },
  });
}

/** Completes a task as any actor (one that is not a demo user, or a demo user with other claims). */
export async function decideAs(
  h: TestHarness,
  task: TaskEntity,
  who: Actor,
  input: TaskDecisionInput,
  key = randomUUID(),
) {
  const result = await h.client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
    args: [{ taskId: task.id, idempotencyKey: key, actor: who, input }],
    updateId: `complete:${task.id}:${key}`,
  });
  // From 0.5 the Update answers before its write lands (a decision in one workflow task): read your
  // writes as the API does, by waiting for the task's row to close (or to be gone with its plan).
  await eventually(`the decision on task ${task.id} written`, async () => {
    const row = await h.db.getRepository(TaskEntity).findOneBy({ id: task.id });
    return !row || row.status !== 'open' ? true : undefined;
  });
  return result;
}

/**
 * A revision that added PT's youth ministry has it consulted, alone, on version 2 (§4.1): checks
 * that, supports as the ministry, and answers the task the resumed stage opens.
 */
export async function supportNewYouthBody(h: TestHarness, planId: string, resumed: TaskEntity['type']) {
  const [youth] = await waitForOpenTasks(h, planId, 'consultation', 1);
  expect([youth.candidateBody, youth.versionNumber]).toEqual(['ministry-youth', 2]);
  expect((await h.db.getRepository(PlanEntity).findOneByOrFail({ id: planId })).status).toBe('NATIONAL_CONSULTATION');
  const ministry: Actor = { sub: 'consultee-pt-youth', roles: ['consultee'], country: 'PT', body: 'ministry-youth' };
  await decideAs(h, youth, ministry, { decision: 'support' });
  const [next] = await waitForOpenTasks(h, planId, resumed, 1);
  expect(next.versionNumber).toBe(2);
  return next;
}

/** The demo consultee who answers for the task's country and body. */
export function consulteeOf(task: TaskEntity): DemoUser {
  const user = (Object.keys(DEMO_USERS) as DemoUser[]).find((name) => {
    const a = actor(name);
    return a.roles.includes('consultee') && a.country === task.candidateCountry && a.body === task.candidateBody;
  });
  if (!user) throw new Error(`no demo consultee for ${task.candidateCountry}/${task.candidateBody}`);
  return user;
}

/** The Group of Friends member who sits in the task's seat (a demo user, or one made up for another seat). */
export function seatHolderOf(task: TaskEntity): Actor {
  const seat = task.candidateSeat!;
  const demo = (Object.keys(DEMO_USERS) as DemoUser[]).find((name) => actor(name).seat === seat);
  return demo ? actor(demo) : { sub: `gof-${seat.toLowerCase()}`, roles: ['gof_member'], seat };
}

/** Every consultee body of the first round supports; returns the answered tasks. */
export async function supportConsultation(h: TestHarness, planId: string, bodies: number): Promise<TaskEntity[]> {
  const tasks = await waitForOpenTasks(h, planId, 'consultation', bodies);
  for (const task of tasks) await decide(h, task, consulteeOf(task), { decision: 'support' });
  return tasks;
}

/**
 * A national plan of Portugal, submitted by submitter-pt, through consultation and an empty
 * comment window into secretariat review; returns the open secretariat task.
 */
export async function reachSecretariatReview(h: TestHarness, settings: ReviewSettings) {
  const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
  const handle = await startReview(h, plan, 'submitter-pt', settings);
  await supportConsultation(h, plan.id, 2);
  const [task] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
  return { plan, handle, task };
}

/** As reachSecretariatReview, then the secretariat approves: every seat has an endorsement task. */
export async function reachEndorsement(h: TestHarness, settings: ReviewSettings) {
  const { plan, handle, task } = await reachSecretariatReview(h, settings);
  await decide(h, task, 'secretariat-anna', { decision: 'approve' });
  const seats = await h.db.getRepository(GofSeatEntity).count();
  const tasks = await waitForOpenTasks(h, plan.id, 'endorsement', seats);
  return { plan, handle, tasks };
}

export async function tasksOf(h: OnDatabase, planId: string, type?: string): Promise<TaskEntity[]> {
  return h.db.getRepository(TaskEntity).find({
    where: { planId, ...(type ? { type: type as TaskEntity['type'] } : {}) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

export async function taskRow(h: OnDatabase, taskId: string): Promise<TaskEntity> {
  return h.db.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
}

export async function commentsOf(h: OnDatabase, planId: string): Promise<CommentEntity[]> {
  return h.db.getRepository(CommentEntity).find({ where: { planId }, order: { postedAt: 'ASC', id: 'ASC' } });
}

/** Waits until the plan's log holds at least `count` events of `type`. */
export const waitForEvents = (h: OnDatabase, planId: string, type: string, count = 1, timeoutMs?: number) =>
  eventually(
    `${count} ${type} event(s)`,
    async () => {
      const events = await eventsOf(h, planId, type);
      return events.length >= count ? events : undefined;
    },
    timeoutMs,
  );

/** Posts a civil society comment through the plan workflow's Update, as the API does. */
export async function postComment(h: TestHarness, planId: string, user: DemoUser, text: string, field?: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(postCommentUpdate, { args: [{ commentId: randomUUID(), actor: actor(user), text, field }] });
}

export async function hideComment(h: TestHarness, planId: string, commentId: string, reason: string, by: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(hideCommentUpdate, { args: [{ commentId, reason, actor: by }] });
}

/** Moves a task's deadline through the Update of the workflow that owns the task. */
export async function extendDeadline(h: TestHarness, task: TaskEntity, dueAt: number, by: string) {
  return h.client.workflow
    .getHandle(task.workflowId)
    .executeUpdate(extendDeadlineUpdate, { args: [{ taskId: task.id, dueAt, actor: by }] });
}

export async function withdraw(h: TestHarness, planId: string, by: string, reason?: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(withdrawUpdate, { args: [{ actor: by, reason }] });
}

export async function cancel(h: TestHarness, planId: string, by: string, reason?: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(cancelUpdate, { args: [{ actor: by, reason }] });
}

export async function snapshot(h: TestHarness, planId: string) {
  return h.client.workflow.getHandle(planWorkflowId(planId)).query(snapshotQuery);
}

/**
 * Asserts that an Update was refused by the workflow: the client gets a WorkflowUpdateFailedError
 * whose cause is an ApplicationFailure of the domain's error `type`.
 */
export async function expectRefused(update: Promise<unknown>, type: string, message?: RegExp): Promise<void> {
  await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(update).rejects.toHaveProperty('cause.type', type);
  await expect(update).rejects.toHaveProperty('cause', expect.any(ApplicationFailure));
  if (message) await expect(update).rejects.toHaveProperty('cause.message', expect.stringMatching(message));
}
