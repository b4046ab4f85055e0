/**
 * The vocabulary of the review as the pages need it, from libs/domain (`@aoc/domain`): the same
 * lists and rules the API checks, never a copy.
 */
import { FIELDS_OF_ACTION, STAGES, TERMINAL_STATUSES, type FieldOfAction, type Stage } from '@aoc/domain/plan.types';
import {
  DECISIONS,
  DECISIONS_NEEDING_A_COMMENT,
  DECISIONS_NEEDING_A_REASON,
  DISPOSITIONS,
} from '@aoc/domain/task.types';

export { STAGES, DECISIONS, DISPOSITIONS, type Stage };
export const FIELDS = FIELDS_OF_ACTION;
export type Field = FieldOfAction;
export const TERMINAL: readonly string[] = TERMINAL_STATUSES;
export const NEEDS_REASON = DECISIONS_NEEDING_A_REASON;
export const NEEDS_COMMENT = DECISIONS_NEEDING_A_COMMENT;
