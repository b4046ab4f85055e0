import { STAGES } from '@aoc/domain/plan.types';
import type { PlanVisibility } from '@aoc/domain/plan.policy';

/**
 * The plans an actor may list (DOMAIN §2, "Who sees a plan"): `planVisibility`'s grants as a
 * condition on the plans table aliased `p`, for a query builder; the same rule as `planAccess`.
 * Their own plans, always; submitted plans that one of their grants covers (a country among the
 * plan's, a stage its review has entered).
 */
export function visiblePlansCondition(
  visibility: PlanVisibility,
  sub: string,
): { where: string; params: Record<string, unknown> } {
  if (visibility.everything) return { where: 'TRUE', params: {} };
  const params: Record<string, unknown> = { visibleSub: sub, visibleStages: [...STAGES] };
  const grants = visibility.grants.map((grant, i) => {
    const parts = [`p.status <> 'DRAFT'`];
    if (grant.country) {
      params[`visibleCountry${i}`] = grant.country;
      parts.push(`:visibleCountry${i} = ANY(p.countries)`);
    }
    if (grant.fromStage) {
      params[`visibleStage${i}`] = grant.fromStage;
      parts.push(
        `COALESCE(array_position(:visibleStages::text[], p.reached_stage::text), 0) >= array_position(:visibleStages::text[], :visibleStage${i}::text)`,
      );
    }
    return `(${parts.join(' AND ')})`;
  });
  return { where: `(p.created_by = :visibleSub${grants.map((g) => ` OR ${g}`).join('')})`, params };
}
