import { Actor } from '../actor';
import { DomainError, ErrorCode } from '../domain-error';
import { CommentDisposition, TaskDecisionInput, TaskType } from '../task.types';
import { TaskAccessView, assertAssignable, assertMayDecide, assertValidDecision, deciderScope } from './decision.rules';

const SUBMITTER = 'focal-point-pt';

/** The error code a call throws, or undefined when it passes. */
const refusal = (fn: () => void): ErrorCode | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

const consultee = (extra: Partial<Actor> = {}): Actor => ({
  sub: 'consultee-1',
  roles: ['consultee'],
  country: 'PT',
  body: 'ministry-education',
  ...extra,
});
const consultationTask: TaskAccessView = {
  type: 'consultation',
  candidate: { role: 'consultee', country: 'PT', body: 'ministry-education' },
};
const secretariatTask: TaskAccessView = { type: 'secretariat_review', candidate: { role: 'secretariat' } };
const endorsementTask: TaskAccessView = { type: 'endorsement', candidate: { role: 'gof_member', seat: 'FR' } };
const dispositionTask: TaskAccessView = {
  type: 'disposition',
  assignee: SUBMITTER,
  candidate: { role: 'submitter', country: 'PT' },
};

describe('assertMayDecide', () => {
  it.each<[string, Actor, TaskAccessView]>([
    ['a consultee of the right country and body', consultee(), consultationTask],
    ['a secretariat reviewer', { sub: 'sec-1', roles: ['secretariat'] }, secretariatTask],
    ['the seat holder', { sub: 'gof-fr', roles: ['gof_member'], seat: 'FR' }, endorsementTask],
    [
      'the submitter, on the disposition task assigned to them',
      { sub: SUBMITTER, roles: ['submitter'], country: 'PT' },
      dispositionTask,
    ],
    [
      'the assignee of a reassigned task, who holds its role',
      { sub: 'stand-in', roles: ['secretariat'] },
      { ...secretariatTask, assignee: 'stand-in' },
    ],
    [
      'the assignee of a reassigned consultation, of its country and body',
      consultee({ sub: 'stand-in' }),
      { ...consultationTask, assignee: 'stand-in' },
    ],
    ['an actor holding the role among others', { sub: 'multi', roles: ['cso', 'secretariat'] }, secretariatTask],
    [
      'anyone with the role when the task has no assignee (null)',
      { sub: 'sec-2', roles: ['secretariat'] },
      { ...secretariatTask, assignee: null },
    ],
  ])('lets %s decide', (_label, actor, task) => {
    expect(refusal(() => assertMayDecide(actor, task, SUBMITTER))).toBeUndefined();
  });

  it.each<[string, Actor, TaskAccessView, string]>([
    [
      'the submitter, on a secretariat review of their own plan',
      { sub: SUBMITTER, roles: ['submitter', 'secretariat'] },
      secretariatTask,
      'segregation of duties',
    ],
    [
      'the submitter, on a consultation of their own plan',
      consultee({ sub: SUBMITTER }),
      consultationTask,
      'segregation of duties',
    ],
    [
      'the submitter, even when a task was reassigned to them',
      { sub: SUBMITTER, roles: ['secretariat'] },
      { ...secretariatTask, assignee: SUBMITTER },
      'segregation of duties',
    ],
    [
      'the submitter, on a seat of their own plan',
      { sub: SUBMITTER, roles: ['gof_member'], seat: 'FR' },
      endorsementTask,
      'segregation of duties',
    ],
    [
      'someone else, on a disposition task',
      { sub: 'other', roles: ['submitter'], country: 'PT' },
      dispositionTask,
      'assigned to',
    ],
    [
      'a role holder, once the task was reassigned to someone else',
      { sub: 'sec-1', roles: ['secretariat'] },
      { ...secretariatTask, assignee: 'stand-in' },
      'assigned to',
    ],
    [
      'the assignee of a reassigned task without its role (DOMAIN §5)',
      { sub: 'stand-in', roles: ['cso'] },
      { ...secretariatTask, assignee: 'stand-in' },
      'role secretariat',
    ],
    [
      'the assignee of a reassigned consultation, of another body',
      consultee({ sub: 'stand-in', body: 'ministry-culture' }),
      { ...consultationTask, assignee: 'stand-in' },
      'body ministry-education',
    ],
    ['an actor without the role', { sub: 'cso-1', roles: ['cso'] }, secretariatTask, 'role secretariat'],
    [
      'an admin (admins reassign, they do not decide)',
      { sub: 'admin-1', roles: ['admin'] },
      secretariatTask,
      'role secretariat',
    ],
    ['a consultee of another country', consultee({ country: 'ES' }), consultationTask, 'country PT'],
    ['a consultee with no country', consultee({ country: undefined }), consultationTask, 'country PT'],
    [
      'a consultee of another body',
      consultee({ body: 'ministry-culture' }),
      consultationTask,
      'body ministry-education',
    ],
    ['another seat', { sub: 'gof-de', roles: ['gof_member'], seat: 'DE' }, endorsementTask, 'seat FR'],
    ['a member without a seat', { sub: 'gof-x', roles: ['gof_member'] }, endorsementTask, 'seat FR'],
  ])('forbids %s', (_label, actor, task, why) => {
    expect(refusal(() => assertMayDecide(actor, task, SUBMITTER))).toBe(ErrorCode.Forbidden);
    expect(() => assertMayDecide(actor, task, SUBMITTER)).toThrow(why);
  });
});

/** The disposition as the review opens it: the submitter's, for the role, with no country of its own. */
const workflowDisposition: TaskAccessView = {
  type: 'disposition',
  assignee: SUBMITTER,
  candidate: { role: 'submitter' },
};

describe("assertAssignable (DOMAIN §5: a named user with the task's role and scope, never the submitter)", () => {
  const refusalOf = (task: TaskAccessView, assignee: string, profile: Actor | undefined) => {
    try {
      assertAssignable(task, assignee, profile, SUBMITTER, ['PT']);
      return undefined;
    } catch (error) {
      if (error instanceof DomainError) return `${error.code}: ${error.message}`;
      throw error;
    }
  };

  it.each<[string, TaskAccessView, Actor]>([
    ['a consultee of the right country and body', consultationTask, consultee({ sub: 'consultee-2' })],
    ['a secretariat reviewer', secretariatTask, { sub: 'omar', roles: ['secretariat'] }],
    ['a seat holder of the seat', endorsementTask, { sub: 'fr-alt', roles: ['gof_member'], seat: 'FR' }],
    [
      'the submitter, for the disposition that is theirs',
      dispositionTask,
      { sub: SUBMITTER, roles: ['submitter'], country: 'PT' },
    ],
  ])('gives a task to %s', (_who, task, profile) => {
    expect(refusalOf(task, profile.sub, profile)).toBeUndefined();
  });

  it.each<[string, TaskAccessView, string, Actor | undefined, RegExp]>([
    ['a user the directory does not know', consultationTask, 'ghost', undefined, /ghost is not in the users directory/],
    ['a profile of someone else', consultationTask, 'ghost', consultee(), /ghost is not in the users directory/],
    [
      'a user without the role',
      secretariatTask,
      'c',
      consultee({ sub: 'c' }),
      /c does not hold the role secretariat .*their roles: consultee/,
    ],
    [
      'a consultee of another body',
      consultationTask,
      'c',
      consultee({ sub: 'c', body: 'ministry-culture' }),
      /is for the body ministry-education, and c is not \(theirs: ministry-culture\)/,
    ],
    [
      'a consultee of another country',
      consultationTask,
      'c',
      consultee({ sub: 'c', country: 'ES' }),
      /is for country PT/,
    ],
    [
      'a seat holder of another seat',
      endorsementTask,
      'g',
      { sub: 'g', roles: ['gof_member'], seat: 'ES' },
      /is for the seat FR/,
    ],
    [
      "the plan's submitter, even holding the role",
      secretariatTask,
      SUBMITTER,
      { sub: SUBMITTER, roles: ['secretariat'] },
      /plan's submitter/,
    ],
    [
      'a submitter of another country, for the disposition',
      workflowDisposition,
      'es-fp',
      { sub: 'es-fp', roles: ['submitter'], country: 'ES' },
      /only to a submitter of the plan's country \(PT\), and es-fp is of ES/,
    ],
    [
      'a submitter of no country, for the disposition',
      workflowDisposition,
      'nowhere',
      { sub: 'nowhere', roles: ['submitter'] },
      /only to a submitter of the plan's country \(PT\), and nowhere is of no country/,
    ],
  ])('refuses %s with ASSIGNEE_NOT_ELIGIBLE', (_who, task, assignee, profile, why) => {
    const refusal = refusalOf(task, assignee, profile);
    expect(refusal).toMatch(new RegExp(`^${ErrorCode.AssigneeNotEligible}: `));
    expect(refusal).toMatch(why);
  });

  it("gives a strategy's disposition to a submitter of any of its countries, and no other", () => {
    const of = (country: string) => ({ sub: `fp-${country}`, roles: ['submitter' as const], country });
    const strategy = ['AL', 'BA', 'HR'];
    expect(() => assertAssignable(workflowDisposition, 'fp-BA', of('BA'), SUBMITTER, strategy)).not.toThrow();
    expect(() => assertAssignable(workflowDisposition, 'fp-RS', of('RS'), SUBMITTER, strategy)).toThrow(
      /countries \(AL, BA, HR\)/,
    );
  });
});

describe('deciderScope (the rule of assertMayDecide, as data for the inbox query)', () => {
  it('holds the actor, every role, each scope or null, and the tasks exempt from segregation', () => {
    expect(deciderScope(consultee())).toEqual({
      sub: 'consultee-1',
      roles: ['consultee'],
      scopes: { country: 'PT', body: 'ministry-education', seat: null },
      submittersOwnTasks: ['disposition'],
    });
    expect(deciderScope({ sub: 'nobody', roles: [] }).scopes).toEqual({ country: null, body: null, seat: null });
  });
});

describe('assertValidDecision', () => {
  const valid = (type: TaskType, input: TaskDecisionInput, visible?: string[]) =>
    refusal(() => assertValidDecision(type, input, visible));

  it.each<[TaskType, TaskDecisionInput]>([
    ['consultation', { decision: 'support' }],
    ['consultation', { decision: 'support_with_comments', comment: 'please add indicators' }],
    ['consultation', { decision: 'object', reason: 'conflicts with the national law' }],
    ['secretariat_review', { decision: 'approve' }],
    ['secretariat_review', { decision: 'request_revision', reason: 'objectives are vague' }],
    ['secretariat_review', { decision: 'reject', reason: 'out of scope' }],
    ['endorsement', { decision: 'endorse' }],
    ['endorsement', { decision: 'break_silence', reason: 'media section needs work' }],
    ['disposition', { decision: 'dispose' }],
  ])('accepts a %s task decided %j', (type, input) => {
    expect(valid(type, input)).toBeUndefined();
  });

  it.each<[TaskType, string]>([
    ['consultation', 'approve'],
    ['consultation', 'endorse'],
    ['secretariat_review', 'support'],
    ['secretariat_review', 'break_silence'],
    ['endorsement', 'approve'],
    ['endorsement', 'object'],
    ['disposition', 'approve'],
    ['consultation', 'no_response'],
    ['endorsement', 'silent'],
    ['consultation', ''],
  ])('refuses a %s task decided %p', (type, decision) => {
    expect(valid(type, { decision, reason: 'r', comment: 'c' })).toBe(ErrorCode.ValidationFailed);
  });

  it.each<[TaskType, string, 'reason' | 'comment']>([
    ['consultation', 'support_with_comments', 'comment'],
    ['consultation', 'object', 'reason'],
    ['secretariat_review', 'request_revision', 'reason'],
    ['secretariat_review', 'reject', 'reason'],
    ['endorsement', 'break_silence', 'reason'],
  ])('a %s decided %p needs a %s', (type, decision, text) => {
    expect(valid(type, { decision })).toBe(ErrorCode.ValidationFailed);
    expect(valid(type, { decision, [text]: '   ' })).toBe(ErrorCode.ValidationFailed);
    const other = text === 'reason' ? 'comment' : 'reason';
    expect(valid(type, { decision, [other]: 'given in the wrong place' })).toBe(ErrorCode.ValidationFailed);
    expect(valid(type, { decision, [text]: 'a real explanation' })).toBeUndefined();
  });

  describe('dispositions', () => {
    const d = (commentId: string, response = 'thank you, done'): CommentDisposition => ({
      commentId,
      disposition: 'accepted',
      response,
    });
    const dispose = (dispositions: CommentDisposition[] | undefined, visible: string[]) =>
      refusal(() => assertValidDecision('disposition', { decision: 'dispose', dispositions }, visible));

    it('accepts one disposition with a response for every visible comment', () => {
      expect(
        dispose(
          [
            d('c2'),
            { commentId: 'c1', disposition: 'partially_accepted', response: 'in part' },
            { commentId: 'c3', disposition: 'not_accepted', response: 'out of scope' },
          ],
          ['c1', 'c2', 'c3'],
        ),
      ).toBeUndefined();
    });

    it.each<[string, CommentDisposition[] | undefined, string[], string]>([
      ['none given while comments are visible', undefined, ['c1'], 'missing: c1'],
      ['a visible comment left out', [d('c1')], ['c1', 'c2'], 'missing: c2'],
      ['a comment disposed twice', [d('c1'), d('c1')], ['c1'], 'more than one disposition'],
      ['a hidden or unknown comment', [d('c1'), d('hidden')], ['c1'], 'not a visible comment'],
      ['an empty response', [d('c1', '')], ['c1'], 'needs a public response'],
      ['a blank response', [d('c1', '  \n ')], ['c1'], 'needs a public response'],
    ])('refuses %s', (_label, dispositions, visible, why) => {
      expect(dispose(dispositions, visible)).toBe(ErrorCode.ValidationFailed);
      expect(() => assertValidDecision('disposition', { decision: 'dispose', dispositions }, visible)).toThrow(why);
    });
  });
});
