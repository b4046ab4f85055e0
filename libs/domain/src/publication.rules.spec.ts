import type { EventType } from './event.types';
import { publicComment, publicEventView, publicTimeline, type TimelineSource } from './publication.rules';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();
const v1 = { versionNumber: 1, versionHash: 'h1' };
const v2 = { versionNumber: 2, versionHash: 'h2' };
const SECRET = 'SECRET-INDIVIDUAL-ANSWER';

/** A review's events as the journal writes them, individual answers and reasons in their payloads. */
const events: TimelineSource[] = [
  { type: 'PLAN_SUBMITTED', at: at(0), ...v1, payload: {} },
  { type: 'VERSION_CREATED', at: at(0), ...v1, payload: {} },
  { type: 'STAGE_ENTERED', at: at(1), ...v1, payload: { stage: 'NATIONAL_CONSULTATION' } },
  { type: 'TASK_COMPLETED', at: at(2), ...v1, payload: { decision: 'object', reason: SECRET } },
  {
    type: 'STAGE_COMPLETED',
    at: at(3),
    ...v1,
    payload: {
      stage: 'NATIONAL_CONSULTATION',
      outcome: 'revision',
      answers: [{ body: 'ministry-education', decision: 'object', reason: SECRET }],
    },
  },
  { type: 'REVISION_REQUESTED', at: at(3), ...v1, payload: { returnTo: 'NATIONAL_CONSULTATION', reason: SECRET } },
  { type: 'VERSION_CREATED', at: at(4), ...v2, payload: {} },
  { type: 'STAGE_ENTERED', at: at(5), ...v2, payload: { stage: 'NATIONAL_CONSULTATION' } },
  {
    type: 'STAGE_COMPLETED',
    at: at(6),
    ...v2,
    payload: { stage: 'NATIONAL_CONSULTATION', outcome: 'enter', answers: [{ comment: SECRET }] },
  },
  { type: 'STAGE_ENTERED', at: at(7), ...v2, payload: { stage: 'CIVIL_SOCIETY_COMMENT' } },
  { type: 'STAGE_COMPLETED', at: at(8), ...v2, payload: { stage: 'CIVIL_SOCIETY_COMMENT', visibleComments: 0 } },
  { type: 'STAGE_ENTERED', at: at(9), ...v2, payload: { stage: 'SECRETARIAT_REVIEW' } },
  {
    type: 'STAGE_COMPLETED',
    at: at(10),
    ...v2,
    payload: { stage: 'SECRETARIAT_REVIEW', decision: 'approve', reason: SECRET },
  },
  { type: 'STAGE_ENTERED', at: at(11), ...v2, payload: { stage: 'GOF_ENDORSEMENT' } },
  { type: 'SILENCE_BROKEN', at: at(12), ...v2, payload: { seat: 'ES', reason: SECRET } },
  { type: 'STAGE_COMPLETED', at: at(13), ...v2, payload: { stage: 'GOF_ENDORSEMENT', silenceBroken: false } },
  { type: 'PLAN_ENDORSED', at: at(13), ...v2, payload: { outcome: 'silence' } },
];

describe('what the public may see (DOMAIN §10)', () => {
  const timeline = publicTimeline(events);

  it('tells each stage by its dates and outcome, with the revision and the version it made', () => {
    expect(timeline.map((e) => (e.kind === 'stage' ? `${e.stage}:${e.outcome}` : e.kind))).toEqual([
      'submitted',
      'NATIONAL_CONSULTATION:objection',
      'revision',
      'version',
      'NATIONAL_CONSULTATION:no_objection',
      'CIVIL_SOCIETY_COMMENT:no_comments',
      'SECRETARIAT_REVIEW:approved',
      'GOF_ENDORSEMENT:endorsed_under_silence',
      'endorsed',
    ]);
    expect(timeline[1]).toEqual(expect.objectContaining({ enteredAt: at(1), completedAt: at(3), version: 1 }));
  });

  it('never carries an individual answer, reason or seat, whatever the payloads hold', () => {
    const text = JSON.stringify(timeline);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('ministry-education');
    expect(text).not.toContain('"ES"');
  });

  it('says "endorsed" when every seat endorsed, and leaves a running stage without an end', () => {
    const endorsed = publicTimeline([
      ...events.slice(0, 3),
      { type: 'STAGE_COMPLETED', at: at(3), ...v1, payload: { stage: 'NATIONAL_CONSULTATION', outcome: 'enter' } },
      { type: 'STAGE_ENTERED', at: at(4), ...v1, payload: { stage: 'GOF_ENDORSEMENT' } },
      { type: 'STAGE_COMPLETED', at: at(5), ...v1, payload: { stage: 'GOF_ENDORSEMENT', silenceBroken: false } },
      { type: 'PLAN_ENDORSED', at: at(5), ...v1, payload: { outcome: 'endorsed' } },
    ]);
    expect(endorsed.find((e) => e.kind === 'stage' && e.stage === 'GOF_ENDORSEMENT')).toEqual(
      expect.objectContaining({ outcome: 'endorsed' }),
    );
    const running = publicTimeline(events.slice(0, 3));
    expect(running.at(-1)).toEqual({ kind: 'stage', stage: 'NATIONAL_CONSULTATION', version: 1, enteredAt: at(1) });
  });

  it('shows a hidden comment by its reason, never its text, and a visible one with its disposition', () => {
    const base = {
      id: 'c1',
      org: 'youth-network',
      postedAt: at(7),
      versionNumber: 2,
      field: 'youth',
      text: SECRET,
      hiddenReason: 'Abusive',
      disposition: null,
      response: null,
    };
    const hidden = publicComment({ ...base, hidden: true });
    expect(JSON.stringify(hidden)).not.toContain(SECRET);
    expect(hidden).toEqual(expect.objectContaining({ hidden: true, hiddenReason: 'Abusive' }));
    const visible = publicComment({
      ...base,
      text: 'Add a target.',
      hidden: false,
      disposition: 'accepted',
      response: 'Added.',
    });
    expect(visible).toEqual(
      expect.objectContaining({ text: 'Add a target.', disposition: 'accepted', response: 'Added.', hidden: false }),
    );
    expect(visible).not.toHaveProperty('hiddenReason');
  });
});

describe('publicEventView (what civil society reads of a plan’s log, DOMAIN §2)', () => {
  const view = (type: EventType, actor: string, payload: Record<string, unknown>) =>
    publicEventView({ type, actor, payload });

  it('never shows a task, a consultee’s or a seat’s answer, or who gave it', () => {
    for (const type of ['TASK_CREATED', 'TASK_COMPLETED', 'TASK_CANCELLED', 'SILENCE_BROKEN', 'ESCALATED'] as const) {
      expect(view(type, 'consultee-pt', { taskId: 't', decision: 'object', reason: 'secret' })).toBeUndefined();
    }
    expect(
      view('STAGE_COMPLETED', 'system', {
        stage: 'NATIONAL_CONSULTATION',
        outcome: 'revision',
        answers: [{ body: 'b', decision: 'object', reason: 'secret' }],
      }),
    ).toEqual({ actor: 'system', payload: { stage: 'NATIONAL_CONSULTATION', outcome: 'objection' } });
    expect(
      view('REVISION_REQUESTED', 'consultee-pt', {
        returnTo: 'NATIONAL_CONSULTATION',
        objections: [{ body: 'b', reason: 'secret', actor: 'consultee-pt' }],
      }),
    ).toEqual({ actor: 'system', payload: { returnTo: 'NATIONAL_CONSULTATION' } });
    expect(view('PLAN_ENDORSED', 'gof-es', { outcome: 'endorsed' })).toEqual({ actor: 'system', payload: {} });
    expect(view('DEADLINE_EXTENDED', 'admin', { taskId: 't', dueAt: 'x' })).toBeUndefined();
  });

  it('shows the comments, without their text, and the comment window’s moves', () => {
    expect(view('COMMENT_POSTED', 'cso-a', { commentId: 'c', org: 'a', field: 'youth', text: 'hidden later' })).toEqual(
      { actor: 'cso-a', payload: { commentId: 'c', org: 'a', field: 'youth' } },
    );
    expect(view('DEADLINE_EXTENDED', 'admin', { stage: 'CIVIL_SOCIETY_COMMENT', commentWindowClosesAt: 'x' })).toEqual({
      actor: 'system',
      payload: { stage: 'CIVIL_SOCIETY_COMMENT', commentWindowClosesAt: 'x' },
    });
  });
});
