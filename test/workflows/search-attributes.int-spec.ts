/**
 * The plans' Temporal search attributes (issue 9): the API starts a review with them, the
 * workflow keeps them up to date at each transition, and visibility queries find plans by them.
 * The dev server's visibility is eventually consistent: each query is awaited, with a bound.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { PlanKind, VersionRef } from '@aoc/domain/plan.types';
import {
  PlanCountriesKey,
  PlanKindKey,
  PlanStageKey,
  PlanStatusKey,
  reviewStartSearchAttributes,
} from '@aoc/workflows/search-attributes';
import { waitUntil } from '@aoc/support/wait-until';
import {
  decide,
  insertSubmittedPlan,
  nationalContent,
  regionalContent,
  supportConsultation,
  waitForOpenTasks,
} from '../support/fixtures';
import { fastSettings, useHarness } from '../support/harness';
import { planReviewWorkflow, planWorkflowId } from '../support/workflow-contracts';

const VISIBLE_WITHIN_MS = 15_000;

/** The workflows a visibility query lists, once it lists `workflowId`. */
async function listedBy(client: Client, query: string, workflowId: string): Promise<WorkflowExecutionInfo> {
  return waitUntil(
    async () => {
      for await (const info of client.workflow.list({ query: `WorkflowId = "${workflowId}" AND ${query}` })) {
        return info;
      }
      return undefined;
    },
    { description: `visibility to list ${workflowId} for ${query}`, timeoutMs: VISIBLE_WITHIN_MS },
  );
}

describe('search attributes: PlanStatus, PlanStage, PlanKind, PlanCountries', () => {
  const h = useHarness();

  /** Starts a review with the search attributes the API's ReviewGateway starts it with. */
  async function start(
    plan: { id: string; version: VersionRef },
    submittedBy: string,
    kind: PlanKind,
    countries: string[],
  ) {
    const handle = await h.client.workflow.start(planReviewWorkflow, {
      workflowId: planWorkflowId(plan.id),
      taskQueue: h.taskQueue,
      args: [
        { planId: plan.id, submittedBy, version: plan.version, settings: fastSettings({ CIVIL_SOCIETY_COMMENT: 500 }) },
      ],
      typedSearchAttributes: reviewStartSearchAttributes({ kind, countries }),
    });
    return h.track(handle);
  }

  it('a review started as the API starts it carries them from its start, and the workflow moves them with the plan', async () => {
    const plan = await insertSubmittedPlan(h, nationalContent(), 'submitter-pt');
    const handle = await start(plan, 'submitter-pt', 'national_plan', ['PT']);
    const workflowId = handle.workflowId;
    const started = await handle.describe();
    expect(started.typedSearchAttributes.get(PlanKindKey)).toBe('national_plan');
    expect(started.typedSearchAttributes.get(PlanCountriesKey)).toEqual(['PT']);

    const consultation = await listedBy(
      h.client,
      'PlanStage = "NATIONAL_CONSULTATION" AND PlanKind = "national_plan" AND PlanCountries = "PT"',
      workflowId,
    );
    expect(consultation.typedSearchAttributes.get(PlanStatusKey)).toBe('NATIONAL_CONSULTATION');

    await supportConsultation(h, plan.id, 2);
    const [task] = await waitForOpenTasks(h, plan.id, 'secretariat_review', 1);
    const review = await listedBy(h.client, 'PlanStage = "SECRETARIAT_REVIEW"', workflowId);
    expect(review.typedSearchAttributes.get(PlanStatusKey)).toBe('SECRETARIAT_REVIEW');

    await decide(h, task, 'secretariat-anna', { decision: 'reject', reason: 'Listed by its search attributes.' });
    expect(await handle.result()).toMatchObject({ status: 'REJECTED' });
    const ended = await listedBy(h.client, 'PlanStatus = "REJECTED" AND PlanStage IS NULL', workflowId);
    expect(ended.typedSearchAttributes.get(PlanStageKey)).toBeUndefined();
    expect(ended.typedSearchAttributes.get(PlanKindKey)).toBe('national_plan');
  });

  it('a regional strategy is found by each of its countries, and only those', async () => {
    const plan = await insertSubmittedPlan(h, regionalContent(), 'coordinator-see');
    const { workflowId } = await start(plan, 'coordinator-see', 'regional_strategy', ['AL', 'BA', 'HR']);
    for (const country of ['AL', 'BA', 'HR']) {
      const info = await listedBy(
        h.client,
        `PlanCountries = "${country}" AND PlanKind = "regional_strategy"`,
        workflowId,
      );
      expect(info.typedSearchAttributes.get(PlanCountriesKey)).toEqual(['AL', 'BA', 'HR']);
    }
    const others = [];
    for await (const info of h.client.workflow.list({
      query: `WorkflowId = "${workflowId}" AND PlanCountries = "PT"`,
    })) {
      others.push(info);
    }
    expect(others).toEqual([]);
  });
});
