import { Actor, Role } from './actor';
import { DomainError, ErrorCode } from './domain-error';
import { PlanAccessView, assertPlanOwner, canViewPlan } from './plan.policy';
import { PLAN_STATUSES, PlanStatus } from './plan.types';

const actor = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({ sub: 'someone', roles, ...extra });
const plan = (status: PlanStatus, countries = ['PT']): PlanAccessView => ({ status, createdBy: 'author', countries });
const underReview = PLAN_STATUSES.filter((s) => s !== 'DRAFT');

describe('canViewPlan', () => {
  describe('a draft', () => {
    it.each<[string, Actor, boolean]>([
      ['its author', actor(['submitter'], { sub: 'author', country: 'PT' }), true],
      ['an admin', actor(['admin']), true],
      ['another submitter of the same country', actor(['submitter'], { country: 'PT' }), false],
      ['a consultee of the country', actor(['consultee'], { country: 'PT', body: 'b' }), false],
      ['the secretariat', actor(['secretariat']), false],
      ['a Group of Friends seat', actor(['gof_member'], { seat: 'FR' }), false],
      ['a civil society organization', actor(['cso'], { org: 'ngo' }), false],
    ])('is visible to %s: %p', (_label, who, visible) => {
      expect(canViewPlan(who, plan('DRAFT'))).toBe(visible);
    });
  });

  describe.each(underReview)('a plan in %s', (status) => {
    it.each<[string, Actor, boolean]>([
      ['the secretariat', actor(['secretariat']), true],
      ['a Group of Friends seat', actor(['gof_member'], { seat: 'FR' }), true],
      ['a civil society organization', actor(['cso']), true],
      ['an admin', actor(['admin']), true],
      ['a submitter of a participating country', actor(['submitter'], { country: 'PT' }), true],
      ['a consultee of a participating country', actor(['consultee'], { country: 'PT', body: 'b' }), true],
      ['a submitter of another country', actor(['submitter'], { country: 'ES' }), false],
      ['a consultee of another country', actor(['consultee'], { country: 'ES', body: 'b' }), false],
      ['a submitter with no country', actor(['submitter']), false],
      ['an actor with no role', actor([]), false],
    ])('is visible to %s: %p', (_label, who, visible) => {
      expect(canViewPlan(who, plan(status))).toBe(visible);
    });
  });

  it('scopes by every participating country of a regional strategy', () => {
    const strategy = plan('SECRETARIAT_REVIEW', ['AL', 'BA', 'HR']);
    expect(canViewPlan(actor(['consultee'], { country: 'BA' }), strategy)).toBe(true);
    expect(canViewPlan(actor(['consultee'], { country: 'RS' }), strategy)).toBe(false);
  });
});

describe('assertPlanOwner', () => {
  const expectForbidden = (fn: () => void) => {
    expect(fn).toThrow(DomainError);
    try {
      fn();
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.Forbidden);
    }
  };

  it('lets the plan author act', () => {
    expect(() => assertPlanOwner(actor(['submitter'], { sub: 'author' }), plan('DRAFT'), 'edit')).not.toThrow();
  });

  it('refuses another submitter', () => {
    expectForbidden(() => assertPlanOwner(actor(['submitter']), plan('DRAFT'), 'edit'));
  });

  it('refuses the author when they lost the submitter role, even an admin', () => {
    expectForbidden(() => assertPlanOwner(actor(['admin'], { sub: 'author' }), plan('DRAFT'), 'withdraw'));
  });
});
