import { type SearchAttributePair, type SearchAttributeUpdatePair, defineSearchAttributeKey } from '@temporalio/common';
import {
  type PlanContent,
  type PlanKind,
  type PlanStatus,
  type Stage,
  isTerminal,
  participatingCountries,
} from '@aoc/domain/plan.types';

/**
 * The plan's Temporal search attributes (issue 9): what the Web UI and `temporal workflow list
 * --query 'PlanStage = "SECRETARIAT_REVIEW"'` filter plan reviews by. The API sets them when it
 * starts a review; the workflow upserts them at every transition (from v0.3, patch
 * `v0.3-one-step-decisions`). The namespace must have them registered: the dev server is started
 * with `--search-attribute`, a cluster's namespace by `infra/cluster/temporal-namespace.ts`.
 */
export const PlanStatusKey = defineSearchAttributeKey('PlanStatus', 'KEYWORD');
/** The stage the plan is in; in REVISION, the stage the new version goes back to; none once ended. */
export const PlanStageKey = defineSearchAttributeKey('PlanStage', 'KEYWORD');
export const PlanKindKey = defineSearchAttributeKey('PlanKind', 'KEYWORD');
export const PlanCountriesKey = defineSearchAttributeKey('PlanCountries', 'KEYWORD_LIST');

/** Every key, for the provisioning that registers them. */
export const PLAN_SEARCH_ATTRIBUTE_KEYS = [PlanStatusKey, PlanStageKey, PlanKindKey, PlanCountriesKey] as const;

/** The Temporal CLI's name of a search attribute type (`--type`, `--search-attribute Name=Type`): KEYWORD_LIST → KeywordList. */
export function cliType(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

type PlanContentView = Pick<PlanContent, 'kind' | 'country' | 'countries'>;

export interface PlanSearchView {
  status: PlanStatus;
  stage?: Stage;
  returnTo?: Stage;
  /** Unknown while the review has not read its first version (a withdrawal in its first moments). */
  content?: PlanContentView;
}

/** The attributes a review starts with (the API's start options): PlanStage is left out before its first stage. */
export function planSearchAttributes(view: PlanSearchView & { content: PlanContentView }): SearchAttributePair[] {
  return planSearchAttributeUpdates(view).filter((pair): pair is SearchAttributePair => pair.value !== null);
}

/**
 * The attributes the API starts a review with: in NATIONAL_CONSULTATION, with the plan's kind and
 * countries (a national plan's owner, or a strategy's participants: the plan row's `countries`).
 */
export function reviewStartSearchAttributes(plan: { kind: PlanKind; countries: string[] }): SearchAttributePair[] {
  return planSearchAttributes({
    status: 'NATIONAL_CONSULTATION',
    stage: 'NATIONAL_CONSULTATION',
    content: { kind: plan.kind, country: plan.countries[0], countries: plan.countries },
  });
}

/**
 * What the workflow upserts at a transition: PlanStage is removed once the review has ended; kind
 * and countries come with the content, once the review has read it.
 */
export function planSearchAttributeUpdates(view: PlanSearchView): SearchAttributeUpdatePair[] {
  const stage = isTerminal(view.status) ? undefined : (view.stage ?? view.returnTo);
  const pairs: SearchAttributeUpdatePair[] = [
    { key: PlanStatusKey, value: view.status },
    { key: PlanStageKey, value: stage ?? null },
  ];
  if (view.content) {
    pairs.push(
      { key: PlanKindKey, value: view.content.kind },
      { key: PlanCountriesKey, value: participatingCountries(view.content) },
    );
  }
  return pairs;
}
