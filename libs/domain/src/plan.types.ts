/** The vocabulary of the plan-approval process (DOMAIN §1–§4). Pure types and constants. */

export const PLAN_KINDS = ['national_plan', 'regional_strategy'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const FIELDS_OF_ACTION = ['education', 'media', 'youth', 'migration'] as const;
export type FieldOfAction = (typeof FIELDS_OF_ACTION)[number];

export const PLAN_STATUSES = [
  'DRAFT',
  'NATIONAL_CONSULTATION',
  'CIVIL_SOCIETY_COMMENT',
  'SECRETARIAT_REVIEW',
  'GOF_ENDORSEMENT',
  'REVISION',
  'ENDORSED',
  'WITHDRAWN',
  'REJECTED',
  'CANCELLED',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const STAGES = [
  'NATIONAL_CONSULTATION',
  'CIVIL_SOCIETY_COMMENT',
  'SECRETARIAT_REVIEW',
  'GOF_ENDORSEMENT',
] as const;
export type Stage = (typeof STAGES)[number];

/** The statuses a review ends in: listed here once, for the workflow, the API and the SQL. */
export const TERMINAL_STATUSES = [
  'ENDORSED',
  'WITHDRAWN',
  'REJECTED',
  'CANCELLED',
] as const satisfies readonly PlanStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export const EDITABLE_STATUSES: readonly PlanStatus[] = ['DRAFT', 'REVISION'];

export function isTerminal(status: PlanStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly PlanStatus[]).includes(status);
}

export interface PlanAction {
  title: string;
  lead: string;
  partners: string[];
  timeline: string;
  indicators: string[];
}

export interface FieldSection {
  objectives: string[];
  actions: PlanAction[];
}

/** The versioned content of a plan: what a submission freezes and hashes. */
export interface PlanContent {
  kind: PlanKind;
  title: string;
  summary: string;
  /** Owner country of a national plan, ISO 3166 alpha-2. */
  country?: string;
  /** Participating countries of a regional strategy. */
  countries?: string[];
  partners: string[];
  /** Consultee bodies for each country. */
  consultees: Record<string, string[]>;
  fields: Record<FieldOfAction, FieldSection>;
  priorityTopics: string[];
}

export interface VersionRef {
  number: number;
  hash: string;
}

/** The countries a plan is consulted in: its owner, or the participants of a strategy. */
export function participatingCountries(content: Pick<PlanContent, 'kind' | 'country' | 'countries'>): string[] {
  return content.kind === 'national_plan' ? (content.country ? [content.country] : []) : (content.countries ?? []);
}
