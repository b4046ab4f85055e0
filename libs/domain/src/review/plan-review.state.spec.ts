import { VersionRef } from '../plan.types';
import {
  ConsultationAnswer,
  ConsultationDecision,
  PlanReviewState,
  ReviewSettings,
  SilenceBreak,
} from './plan-review.state';

const settings: ReviewSettings = {
  durations: { NATIONAL_CONSULTATION: 14, CIVIL_SOCIETY_COMMENT: 30, SECRETARIAT_REVIEW: 21, GOF_ENDORSEMENT: 10 },
  maxRevisionRounds: 3,
};
const v = (number: number): VersionRef => ({ number, hash: `h${number}` });

const answer = (country: string, body: string, decision: ConsultationDecision, version = v(1)): ConsultationAnswer => ({
  country,
  body,
  decision,
  actor: decision === 'no_response' ? 'system' : `${country}-${body}`,
  version,
  ...(decision === 'object' ? { reason: 'no' } : {}),
});
const silenceBreak = (seat: string): SilenceBreak => ({
  seat,
  reason: 'needs work',
  actor: `gof-${seat}`,
  version: v(1),
});

const consultees = { PT: ['edu', 'culture', 'interior'] };

/** A review brought to the given stage along the happy path. */
const at = (stage: 'SECRETARIAT_REVIEW' | 'GOF_ENDORSEMENT', s = new PlanReviewState(settings, v(1))) => {
  s.consultationEnded([answer('PT', 'edu', 'support')]);
  s.commentStageEnded();
  if (stage === 'GOF_ENDORSEMENT') s.secretariatDecided('approve');
  return s;
};

describe('PlanReviewState', () => {
  it('starts in national consultation, on the submitted version', () => {
    const s = new PlanReviewState(settings, v(1));
    expect(s.status).toBe('NATIONAL_CONSULTATION');
    expect(s.stage).toBe('NATIONAL_CONSULTATION');
    expect(s.version).toEqual(v(1));
  });

  it('walks the happy path through the four stages to ENDORSED', () => {
    const s = new PlanReviewState(settings, v(1));
    expect(s.consultationEnded([answer('PT', 'edu', 'support')])).toEqual({
      kind: 'enter',
      stage: 'CIVIL_SOCIETY_COMMENT',
    });
    expect(s.commentStageEnded()).toEqual({ kind: 'enter', stage: 'SECRETARIAT_REVIEW' });
    expect(s.secretariatDecided('approve')).toEqual({ kind: 'enter', stage: 'GOF_ENDORSEMENT' });
    expect(s.status).toBe('GOF_ENDORSEMENT');
    expect(s.endorsementEnded([])).toEqual({ kind: 'end', status: 'ENDORSED' });
    expect(s.status).toBe('ENDORSED');
    expect(s.stage).toBeUndefined();
  });

  describe('national consultation', () => {
    it('consults every body of every country the first time', () => {
      const s = new PlanReviewState(settings, v(1));
      expect(s.consultationScopes({ AL: ['a1', 'a2'], BA: ['b1'] }, ['AL', 'BA'])).toEqual([
        { country: 'AL', bodies: ['a1', 'a2'] },
        { country: 'BA', bodies: ['b1'] },
      ]);
    });

    it.each<[string, ConsultationDecision[]]>([
      ['all support', ['support', 'support', 'support']],
      ['support with comments', ['support', 'support_with_comments', 'support']],
      ['silence is not an objection', ['no_response', 'no_response', 'support']],
    ])('moves on to the comment stage when %s', (_label, decisions) => {
      const s = new PlanReviewState(settings, v(1));
      const answers = consultees.PT.map((body, i) => answer('PT', body, decisions[i]));
      expect(s.consultationEnded(answers)).toEqual({ kind: 'enter', stage: 'CIVIL_SOCIETY_COMMENT' });
      expect(s.status).toBe('CIVIL_SOCIETY_COMMENT');
    });

    it('sends the plan to revision on any objection, returning to consultation, without escalation', () => {
      const s = new PlanReviewState(settings, v(1));
      const t = s.consultationEnded([answer('PT', 'edu', 'support'), answer('PT', 'culture', 'object')]);
      expect(t).toEqual({ kind: 'revision', returnTo: 'NATIONAL_CONSULTATION', escalate: false });
      expect(s.status).toBe('REVISION');
      expect(s.returnTo).toBe('NATIONAL_CONSULTATION');
      expect(s.stage).toBeUndefined();
    });

    it('re-consults only the objectors on the new version; the others keep their answers, stale', () => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([
        answer('AL', 'a1', 'object'),
        answer('AL', 'a2', 'support'),
        answer('BA', 'b1', 'no_response'),
        answer('BA', 'b2', 'object'),
        answer('HR', 'h1', 'object'),
      ]);
      expect(s.revised(v(2))).toBe('NATIONAL_CONSULTATION');
      const all = { AL: ['a1', 'a2'], BA: ['b1', 'b2'], HR: ['h1'] };
      expect(s.consultationScopes(all, ['AL', 'BA', 'HR'])).toEqual([
        { country: 'AL', bodies: ['a1'] },
        { country: 'BA', bodies: ['b2'] },
        { country: 'HR', bodies: ['h1'] },
      ]);

      expect(
        s.consultationEnded([
          answer('AL', 'a1', 'support', v(2)),
          answer('BA', 'b2', 'support', v(2)),
          answer('HR', 'h1', 'support', v(2)),
        ]),
      ).toEqual({
        kind: 'enter',
        stage: 'CIVIL_SOCIETY_COMMENT',
      });
      expect(s.answers.get('AL/a1')!.decision).toBe('support');
      expect(s.isStale(s.answers.get('AL/a1')!)).toBe(false);
      expect(s.answers.get('AL/a2')!.decision).toBe('support');
      expect(s.isStale(s.answers.get('AL/a2')!)).toBe(true);
      expect(s.answers.size).toBe(5);
    });

    it('narrows the re-consultation to whoever objects again', () => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([
        answer('PT', 'edu', 'object'),
        answer('PT', 'culture', 'object'),
        answer('PT', 'interior', 'support'),
      ]);
      s.revised(v(2));
      s.consultationEnded([answer('PT', 'edu', 'support', v(2)), answer('PT', 'culture', 'object', v(2))]);
      s.revised(v(3));
      expect(s.consultationScopes(consultees, ['PT'])).toEqual([{ country: 'PT', bodies: ['culture'] }]);
    });

    it('re-consults the objectors still in the revised plan and every body and country new in it', () => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([answer('AL', 'a1', 'object'), answer('AL', 'a2', 'support'), answer('BA', 'b1', 'object')]);
      s.revised(v(2));
      // The revision drops BA's objector b1, adds the body a3 to AL and the country HR.
      const revised = { AL: ['a1', 'a2', 'a3'], BA: ['b2'], HR: ['h1'] };
      expect(s.consultationScopes(revised, ['AL', 'BA', 'HR'])).toEqual([
        { country: 'AL', bodies: ['a1', 'a3'] },
        { country: 'BA', bodies: ['b2'] },
        { country: 'HR', bodies: ['h1'] },
      ]);
    });

    it('consults nobody again when every objector left the revised plan and nothing is new', () => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([answer('PT', 'edu', 'object'), answer('PT', 'culture', 'support')]);
      s.revised(v(2));
      expect(s.consultationScopes({ PT: ['culture'] }, ['PT'])).toEqual([]);
    });

    it('consults everyone again once a round passes without objection', () => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([answer('PT', 'edu', 'object')]);
      s.revised(v(2));
      s.consultationEnded([answer('PT', 'edu', 'support', v(2))]);
      expect(s.consultationScopes(consultees, ['PT'])).toEqual([{ country: 'PT', bodies: consultees.PT }]);
    });

    it('does not share the consultee lists it is given', () => {
      const s = new PlanReviewState(settings, v(1));
      const map = { PT: ['edu'] };
      s.consultationScopes(map, ['PT'])[0].bodies.push('x');
      expect(map.PT).toEqual(['edu']);
    });
  });

  describe('secretariat review', () => {
    it('approves into the Group of Friends endorsement', () => {
      const s = at('SECRETARIAT_REVIEW');
      expect(s.secretariatDecided('approve')).toEqual({ kind: 'enter', stage: 'GOF_ENDORSEMENT' });
    });

    it('rejects, ending the review', () => {
      const s = at('SECRETARIAT_REVIEW');
      expect(s.secretariatDecided('reject')).toEqual({ kind: 'end', status: 'REJECTED' });
      expect(s.status).toBe('REJECTED');
    });

    it('requests a revision that comes back to secretariat review', () => {
      const s = at('SECRETARIAT_REVIEW');
      expect(s.secretariatDecided('request_revision')).toEqual({
        kind: 'revision',
        returnTo: 'SECRETARIAT_REVIEW',
        escalate: false,
      });
      expect(s.secretariatRevisionRounds).toBe(1);
      expect(s.revised(v(2))).toBe('SECRETARIAT_REVIEW');
      expect(s.status).toBe('SECRETARIAT_REVIEW');
      expect(s.version).toEqual(v(2));
      expect(s.returnTo).toBeUndefined();
    });

    it('consults what a revision adds (bodies, countries) before the secretariat resumes (DOMAIN §4.1)', () => {
      const s = at('SECRETARIAT_REVIEW');
      s.secretariatDecided('request_revision');
      expect(s.revised(v(2))).toBe('SECRETARIAT_REVIEW');
      const revised = { PT: ['edu', 'youth'], ES: ['culture'] };
      expect(s.consultNewBodies(revised, ['PT', 'ES'])).toBe(true);
      expect(s.status).toBe('NATIONAL_CONSULTATION');
      expect(s.resumesAfterConsultation).toBe('SECRETARIAT_REVIEW');
      expect(s.consultationScopes(revised, ['PT', 'ES'])).toEqual([
        { country: 'PT', bodies: ['youth'] },
        { country: 'ES', bodies: ['culture'] },
      ]);
      const back = s.consultationEnded([
        answer('PT', 'youth', 'support', v(2)),
        answer('ES', 'culture', 'support', v(2)),
      ]);
      expect(back).toEqual({ kind: 'enter', stage: 'SECRETARIAT_REVIEW' });
      expect(s.resumesAfterConsultation).toBeUndefined();
      // The next consultation, if any, is a whole one again.
      expect(s.consultationScopes(revised, ['PT', 'ES'])).toHaveLength(2);
    });

    it('sends a revision whose new body objects back to consultation; nothing new: straight back', () => {
      const s = at('SECRETARIAT_REVIEW');
      s.secretariatDecided('request_revision');
      s.revised(v(2));
      expect(s.consultNewBodies({ PT: ['edu'] }, ['PT'])).toBe(false);
      expect(s.status).toBe('SECRETARIAT_REVIEW');
      expect(s.consultNewBodies({ PT: ['edu', 'youth'] }, ['PT'])).toBe(true);
      expect(s.consultationEnded([answer('PT', 'youth', 'object', v(2))])).toEqual({
        kind: 'revision',
        returnTo: 'NATIONAL_CONSULTATION',
        escalate: false,
      });
    });

    it.each([
      [3, [false, false, false, true, true]],
      [0, [true, true]],
      [1, [false, true]],
    ])('with maxRevisionRounds %p escalates only after more rounds than that: %p', (maxRevisionRounds, expected) => {
      const s = at('SECRETARIAT_REVIEW', new PlanReviewState({ ...settings, maxRevisionRounds }, v(1)));
      const escalations = expected.map((_, round) => {
        const t = s.secretariatDecided('request_revision');
        s.revised(v(round + 2));
        return t.kind === 'revision' && t.escalate;
      });
      expect(escalations).toEqual(expected);
    });
  });

  describe('Group of Friends endorsement', () => {
    it('is endorsed when nobody broke silence', () => {
      const s = at('GOF_ENDORSEMENT');
      expect(s.endorsementEnded([])).toEqual({ kind: 'end', status: 'ENDORSED' });
      expect(s.silenceBreaks).toEqual([]);
    });

    it('returns to secretariat review with the objections attached when silence is broken', () => {
      const s = at('GOF_ENDORSEMENT');
      expect(s.endorsementEnded([silenceBreak('FR'), silenceBreak('DE')])).toEqual({
        kind: 'enter',
        stage: 'SECRETARIAT_REVIEW',
      });
      expect(s.status).toBe('SECRETARIAT_REVIEW');
      expect(s.silenceBreaks.map((b) => b.seat)).toEqual(['FR', 'DE']);
    });

    it('keeps the objections of every endorsement round', () => {
      const s = at('GOF_ENDORSEMENT');
      s.endorsementEnded([silenceBreak('FR')]);
      s.secretariatDecided('approve');
      s.endorsementEnded([silenceBreak('DE')]);
      expect(s.silenceBreaks.map((b) => b.seat)).toEqual(['FR', 'DE']);
    });
  });

  describe('revised', () => {
    it('refuses a new version when the plan is not in revision', () => {
      const s = new PlanReviewState(settings, v(1));
      expect(() => s.revised(v(2))).toThrow('not in revision');
      expect(s.version).toEqual(v(1));
    });

    it.each([1, 0])('refuses version %p, not newer than the current one', (number) => {
      const s = new PlanReviewState(settings, v(1));
      s.consultationEnded([answer('PT', 'edu', 'object')]);
      expect(() => s.revised(v(number))).toThrow('is not newer');
      expect(s.status).toBe('REVISION');
      expect(s.version).toEqual(v(1));
    });

    it('cannot be applied twice', () => {
      const s = at('SECRETARIAT_REVIEW');
      s.secretariatDecided('request_revision');
      s.revised(v(2));
      expect(() => s.revised(v(3))).toThrow('not in revision');
    });
  });

  it('answers are stale when given on another version', () => {
    const s = new PlanReviewState(settings, v(2));
    expect(s.isStale({ version: v(1) })).toBe(true);
    expect(s.isStale({ version: v(2) })).toBe(false);
  });

  it.each([
    ['NATIONAL_CONSULTATION', 14],
    ['CIVIL_SOCIETY_COMMENT', 30],
    ['SECRETARIAT_REVIEW', 21],
    ['GOF_ENDORSEMENT', 10],
  ] as const)('takes the configured duration for %s', (stage, ms) => {
    expect(new PlanReviewState(settings, v(1)).stageDuration(stage)).toBe(ms);
  });
});

describe('objections of the Group of Friends', () => {
  const settings = {
    durations: { NATIONAL_CONSULTATION: 1, CIVIL_SOCIETY_COMMENT: 1, SECRETARIAT_REVIEW: 1, GOF_ENDORSEMENT: 1 },
    maxRevisionRounds: 3,
  };
  const v1 = { number: 1, hash: 'h1' };
  const v2 = { number: 2, hash: 'h2' };

  it('refuses approval of a version on which silence was broken, but not a revision request or a rejection', () => {
    const state = new PlanReviewState(settings, v1);
    state.endorsementEnded([{ seat: 'ES', reason: 'Too vague.', actor: 'gof-es', version: v1 }]);
    expect(() => state.assertSecretariatMay('approve')).toThrow(/broke silence on version 1 \(ES\)/);
    expect(() => state.assertSecretariatMay('request_revision')).not.toThrow();
    expect(() => state.assertSecretariatMay('reject')).not.toThrow();
  });

  it('lets a new version go back to the Group of Friends, and shows only its own objections', () => {
    const state = new PlanReviewState(settings, v1);
    state.endorsementEnded([{ seat: 'ES', reason: 'Too vague.', actor: 'gof-es', version: v1 }]);
    state.secretariatDecided('request_revision');
    state.revised(v2);
    expect(state.currentObjections()).toEqual([]);
    expect(() => state.assertSecretariatMay('approve')).not.toThrow();
  });
});
