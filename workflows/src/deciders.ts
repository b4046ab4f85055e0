import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import type { ConsultationAnswer } from '@aoc/domain/review/plan-review.state';
import type { EndorsementOutcome } from '@aoc/domain/task.types';
import type { Decided } from './journal';

/** Who decided what moves a plan on, as its events name them (DOMAIN §6). */

/**
 * A consultation's objections as the revision request they make: each objecting body with its
 * reason and who answered for it; the request's actor is the first of them.
 */
export function objectionsOf(answers: ConsultationAnswer[]): Decided {
  const objections = answers
    .filter((a) => a.decision === 'object')
    .map(({ country, body, reason, actor }) => ({ country, body, reason, actor }));
  return { actor: objections[0]?.actor ?? SYSTEM_ACTOR, payload: { objections } };
}

/** Every seat endorsed: the last of them decided. Otherwise silence held to the deadline: nobody did. */
export function endorsedBy(outcomes: EndorsementOutcome[]): Decided {
  const answered = outcomes.filter((o) => o.actor !== SYSTEM_ACTOR);
  if (answered.length === 0 || answered.length < outcomes.length) {
    return { actor: SYSTEM_ACTOR, payload: { outcome: 'silence' } };
  }
  const last = answered.reduce((a, b) => (b.completedAt >= a.completedAt ? b : a));
  return { actor: last.actor, payload: { outcome: 'endorsed' } };
}
