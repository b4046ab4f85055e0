import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { contentHash } from '../../apps/api/src/plans/plan.views';
import { nationalPlan, regionalStrategy } from '../../apps/cli/src/demo-plans';
import { DEMO_SEATS, DEMO_USERS, DemoUser } from '../../apps/cli/src/demo-users';
import type { Actor } from '../../libs/domain/src/actor';
import type { PlanContent, VersionRef } from '../../libs/domain/src/plan.types';
import type { ReviewSettings } from '../../libs/domain/src/review/plan-review.state';
import type { TaskDecisionInput } from '../../libs/domain/src/task.types';
import { EventEntity, GofSeatEntity, PlanEntity, PlanVersionEntity, TaskEntity } from '../../libs/persistence/src';
import { completeTaskUpdate, planReviewWorkflow, planWorkflowId, submitRevisionUpdate } from './workflow-contracts';
import { TestHarness, eventually } from './harness';

export const actor = (user: DemoUser): Actor => DEMO_USERS[user] as Actor;

export const nationalContent = (): PlanContent => nationalPlan() as PlanContent;
export const regionalContent = (): PlanContent => regionalStrategy() as PlanContent;

/** Inserts a plan frozen at version 1, as the API's submit does. */
export async function insertSubmittedPlan(h: TestHarness, content: PlanContent, submittedBy: string) {
  const id = randomUUID();
  const version: VersionRef = { number: 1, hash: contentHash(content) };
  const countries = content.kind === 'national_plan' ? [content.country!] : content.countries!;
  await h.db.getRepository(PlanEntity).insert({
    id,
    kind: content.kind,
    status: 'DRAFT',
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
  h: TestHarness,
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
export async function ensureDemoSeats(h: TestHarness): Promise<void> {
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

export async function planStatus(h: TestHarness, planId: string): Promise<string> {
  return (await h.db.getRepository(PlanEntity).findOneByOrFail({ id: planId })).status;
}

export const waitForStatus = (h: TestHarness, planId: string, status: string, timeoutMs?: number) =>
  eventually(
    `plan to be ${status}`,
    async () => ((await planStatus(h, planId)) === status ? status : undefined),
    timeoutMs,
  );

export async function openTasks(h: TestHarness, planId: string, type?: string): Promise<TaskEntity[]> {
  return h.db.getRepository(TaskEntity).find({
    where: { planId, status: 'open', ...(type ? { type: type as TaskEntity['type'] } : {}) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

export const waitForOpenTasks = (h: TestHarness, planId: string, type: string, count: number, timeoutMs?: number) =>
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
  return h.client.workflow
    .getHandle(task.workflowId)
    .executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, idempotencyKey: key, actor: actor(user), input }],
      updateId: `complete:${task.id}:${key}`,
    });
}

export async function submitRevision(h: TestHarness, planId: string, version: VersionRef, by: string) {
  return h.client.workflow
    .getHandle(planWorkflowId(planId))
    .executeUpdate(submitRevisionUpdate, { args: [{ version, actor: by }] });
}

export async function eventsOf(h: TestHarness, planId: string, type?: string): Promise<EventEntity[]> {
  return h.db.getRepository(EventEntity).find({
    where: { planId, ...(type ? { type: type as EventEntity['type'] } : {}) },
    order: { id: 'ASC' },
  });
}
