import { Actor, Role } from './actor';
import { DomainError, ErrorCode } from './domain-error';
import {
  PLAN_SUBMITTER_FIELDS,
  PlanAccess,
  PlanAccessView,
  assertPlanOwner,
  canViewPlan,
  planAccess,
  planSubmitter,
} from './plan.policy';
import { PLAN_STATUSES, PlanStatus, STAGES, Stage } from './plan.types';

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
      ['an admin', actor(['admin']), true],
      ['a submitter of a participating country', actor(['submitter'], { country: 'PT' }), true],
      ['a consultee of a participating country', actor(['consultee'], { country: 'PT', body: 'b' }), true],
      ['a submitter of another country', actor(['submitter'], { country: 'ES' }), false],
      ['a consultee of another country', actor(['consultee'], { country: 'ES', body: 'b' }), false],
      ['a submitter with no country', actor(['submitter']), false],
      ['an actor with no role', actor([]), false],
    ])('is visible, whatever stage it reached, to %s: %p', (_label, who, visible) => {
      for (const reachedStage of [null, ...STAGES]) {
        expect(canViewPlan(who, { ...plan(status), reachedStage })).toBe(visible);
      }
    });
  });

  // DOMAIN §2: seats from the endorsement stage on; civil society from the comment window on, and then as the public sees it.
  it.each<[Stage | null, PlanAccess | undefined, PlanAccess | undefined]>([
    [null, undefined, undefined],
    ['NATIONAL_CONSULTATION', undefined, undefined],
    ['CIVIL_SOCIETY_COMMENT', undefined, 'public'],
    ['SECRETARIAT_REVIEW', undefined, 'public'],
    ['GOF_ENDORSEMENT', 'full', 'public'],
  ])('a plan that reached %s: a seat sees %p, a civil society organization %p', (reachedStage, seat, cso) => {
    for (const status of underReview) {
      expect(planAccess(actor(['gof_member'], { seat: 'FR' }), { ...plan(status), reachedStage })).toBe(seat);
      expect(planAccess(actor(['cso'], { org: 'ngo' }), { ...plan(status), reachedStage })).toBe(cso);
    }
  });

  it('gives the fuller access of an actor holding several roles', () => {
    const both = actor(['cso', 'gof_member'], { seat: 'FR', org: 'ngo' });
    expect(planAccess(both, { ...plan('GOF_ENDORSEMENT'), reachedStage: 'GOF_ENDORSEMENT' })).toBe('full');
    expect(planAccess(both, { ...plan('REVISION'), reachedStage: 'SECRETARIAT_REVIEW' })).toBe('public');
    expect(planAccess(actor(['cso', 'secretariat']), { ...plan('NATIONAL_CONSULTATION') })).toBe('full');
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

describe('planSubmitter', () => {
  it('is whoever submitted the plan, else its author', () => {
    expect(planSubmitter({ submittedBy: 'submitter', createdBy: 'author' })).toBe('submitter');
    expect(planSubmitter({ submittedBy: null, createdBy: 'author' })).toBe('author');
    expect(PLAN_SUBMITTER_FIELDS).toEqual(['submittedBy', 'createdBy']);
  });
});
