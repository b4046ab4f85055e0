/** The vocabulary of the review (libs/domain/src/plan.types.ts), as the pages need it. */
export const STAGES = [
  'NATIONAL_CONSULTATION',
  'CIVIL_SOCIETY_COMMENT',
  'SECRETARIAT_REVIEW',
  'GOF_ENDORSEMENT',
] as const;
export type Stage = (typeof STAGES)[number];

export const FIELDS = ['education', 'media', 'youth', 'migration'] as const;
export type Field = (typeof FIELDS)[number];

export const TERMINAL = ['ENDORSED', 'WITHDRAWN', 'REJECTED', 'CANCELLED'];

/** The decisions of each task type; those that need a reason or a comment. */
export const DECISIONS = {
  consultation: ['support', 'support_with_comments', 'object'],
  secretariat_review: ['approve', 'request_revision', 'reject'],
  endorsement: ['endorse', 'break_silence'],
  disposition: ['dispose'],
} as const;
export const NEEDS_REASON = ['object', 'request_revision', 'reject', 'break_silence'];
export const NEEDS_COMMENT = ['support_with_comments'];
export const DISPOSITIONS = ['accepted', 'partially_accepted', 'not_accepted'] as const;
