import {
  CancellationScope,
  allHandlersFinished,
  condition,
  executeChild,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import { conflict } from '@aoc/domain/domain-error';
import { PlanContent, Stage, isTerminal, participatingCountries } from '@aoc/domain/plan.types';
import { PlanReviewState, SilenceBreak, Transition } from '@aoc/domain/review/plan-review.state';
import type { TaskOutcome } from '@aoc/domain/task.types';
import {
  EndReviewRequest,
  PlanReviewInput,
  PlanReviewResult,
  ReviewSnapshot,
  SubmitRevisionRequest,
  cancelUpdate,
  moveStageDeadlineUpdate,
  seatsChangedSignal,
  snapshotQuery,
  submitRevisionUpdate,
  withdrawUpdate,
} from './contracts';
import { CommentBoard } from './comment-board';
import { nationalConsultationWorkflow } from './national-consultation.workflow';
import { Projector, activities } from './projector';
import { TaskRunner, refuseUnless } from './task-runner';

/** Re-consultation follows the revised plan's bodies and countries (DOMAIN §4.1). */
const RECONSULT_REVISED_PLAN = 'reconsult-revised-plan';
/** With no seats, the endorsement waits for one instead of passing (DOMAIN §4.4). */
const WAIT_FOR_SEATS = 'wait-for-seats';

type Ending = { status: 'WITHDRAWN' | 'CANCELLED'; request: EndReviewRequest };

/**
 * One plan's way from submission to a terminal status (DOMAIN §4). The rules live in
 * PlanReviewState; this function is the wiring: stages, child workflows, timers and Updates.
 */
export async function planReviewWorkflow(input: PlanReviewInput): Promise<PlanReviewResult> {
  const { workflowId } = workflowInfo();
  const state = new PlanReviewState(input.settings, input.version);
  const projector = new Projector(input.planId);
  const comments = new CommentBoard(projector, { status: () => state.status, version: () => state.version });
  const runner = new TaskRunner(projector, input.submittedBy, () => state.version, {
    visibleCommentIds: () => comments.visibleIds(),
    validateDecision: (task, decision) => {
      if (task.type === 'secretariat_review') state.assertSecretariatMay(decision.decision);
    },
    onCompleted: (task, outcome) => {
      if (outcome.dispositions?.length) {
        return {
          disposeComments: [{ dispositions: outcome.dispositions, actor: outcome.actor, at: outcome.completedAt }],
          events: outcome.dispositions.map((d) =>
            projector.event('COMMENT_DISPOSED', outcome.actor, state.version, { ...d }),
          ),
        };
      }
      if (outcome.decision === 'break_silence') {
        return {
          events: [
            projector.event('SILENCE_BROKEN', outcome.actor, state.version, {
              seat: task.candidate.seat,
              reason: outcome.reason,
            }),
          ],
        };
      }
      return {};
    },
  });
  // Loaded by the process, after every handler is registered: an Update that arrives with the
  // first workflow task (a withdrawal right after submission) must find its handler.
  let content: PlanContent;
  let revision: SubmitRevisionRequest | undefined;
  /** Who made the last decision that moves the plan on (a revision request, the end), and why. */
  let decided: { actor: string; payload: Record<string, unknown> } = { actor: SYSTEM_ACTOR, payload: {} };
  let ending: Ending | undefined;
  let finished = false;

  const snapshot = (): ReviewSnapshot => ({
    status: state.status,
    stage: state.stage,
    version: state.version,
    returnTo: state.returnTo,
    secretariatRevisionRounds: state.secretariatRevisionRounds,
    commentWindowClosesAt: comments.closingTime,
    openTaskIds: runner.book.open().map((t) => t.id),
  });
  setHandler(snapshotQuery, snapshot);
  let seatsChanged = false;
  setHandler(seatsChangedSignal, () => {
    seatsChanged = true;
  });

  setHandler(
    submitRevisionUpdate,
    async (req) => {
      if (req.version.number > state.version.number && !revision) revision = req;
      await condition(() => state.version.number >= req.version.number || ending !== undefined);
      return snapshot();
    },
    {
      validator: (req) =>
        refuseUnless(req, () => {
          if (req.version.number === state.version.number || req.version.number === revision?.version.number) return;
          if (state.status !== 'REVISION') {
            throw conflict(`the plan is in ${state.status}; a new version is accepted only in REVISION`);
          }
          if (req.version.number < state.version.number) throw conflict(`version ${req.version.number} is outdated`);
        }),
    },
  );

  const endWith = (status: Ending['status']) => async (request: EndReviewRequest) => {
    ending ??= { status, request };
    const reason = `the review is ending: the plan is being ${status.toLowerCase()}`;
    runner.close(reason);
    comments.close(reason);
    await condition(() => finished);
    return { status: state.status, version: state.version };
  };
  const refuseWhenEnded = (request: EndReviewRequest) =>
    refuseUnless(request, () => {
      if (isTerminal(state.status) || ending)
        throw conflict(`the review has already ended (${ending?.status ?? state.status})`);
    });
  // An admin moves the running stage's deadline (DOMAIN §5); a task's own deadline moves through the task runner.
  const endorsementTaskIds = () =>
    runner.book
      .open()
      .filter((t) => t.type === 'endorsement')
      .map((t) => t.id);
  setHandler(
    moveStageDeadlineUpdate,
    async (req) => {
      if (state.status === 'CIVIL_SOCIETY_COMMENT') await comments.extend(req.dueAt, req.actor);
      else await runner.extend(endorsementTaskIds(), req.dueAt, req.actor);
      return { stage: state.status as Stage, dueAt: req.dueAt };
    },
    {
      validator: (req) =>
        refuseUnless(req, () => {
          refuseWhenEnded(req);
          if (state.status === 'CIVIL_SOCIETY_COMMENT') return comments.assertExtendable(req.dueAt);
          const seats = state.status === 'GOF_ENDORSEMENT' ? endorsementTaskIds() : [];
          if (seats.length === 0) {
            throw conflict(
              `the plan is in ${state.status}, with no comment window open and no silence procedure running; move a task's deadline with POST /tasks/:id/deadline`,
            );
          }
          runner.validateExtension(seats, req.dueAt);
        }),
    },
  );
  setHandler(withdrawUpdate, endWith('WITHDRAWN'), { validator: refuseWhenEnded });
  setHandler(cancelUpdate, endWith('CANCELLED'), { validator: refuseWhenEnded });

  const enterStage = async (stage: Stage, payload: Record<string, unknown> = {}) => {
    await projector.write({
      status: { status: stage, version: state.version, returnTo: null },
      events: [projector.event('STAGE_ENTERED', SYSTEM_ACTOR, state.version, { stage, ...payload })],
    });
  };
  const completeStage = (stage: Stage, payload: Record<string, unknown> = {}) =>
    projector.event('STAGE_COMPLETED', SYSTEM_ACTOR, state.version, { stage, ...payload });

  const consultation = async (): Promise<Transition> => {
    let scopes = state.consultationScopes(content.consultees, participatingCountries(content));
    // Before the revised plan's bodies counted, the objectors alone were consulted again.
    const objectors = state.objectorScopes();
    if (objectors && JSON.stringify(objectors) !== JSON.stringify(scopes) && !patched(RECONSULT_REVISED_PLAN)) {
      scopes = objectors;
    }
    const results = await Promise.all(
      scopes.map((scope) =>
        executeChild(nationalConsultationWorkflow, {
          workflowId: `${workflowId}-consultation-${scope.country}-v${state.version.number}`,
          args: [
            {
              planId: input.planId,
              submittedBy: input.submittedBy,
              country: scope.country,
              bodies: scope.bodies,
              version: state.version,
              durationMs: state.stageDuration('NATIONAL_CONSULTATION'),
            },
          ],
        }),
      ),
    );
    const answers = results.flat();
    const transition = state.consultationEnded(answers);
    // Every body's standing answer: those consulted again answered this version, the others' stand, stale.
    const standing = state.standingAnswers().map(({ country, body, decision, version }) => ({
      country,
      body,
      decision,
      version,
      stale: state.isStale({ version }),
    }));
    await projector.write({
      events: [completeStage('NATIONAL_CONSULTATION', { answers, standing, outcome: transition.kind })],
    });
    return transition;
  };

  const civilSocietyComment = async (): Promise<Transition> => {
    const closesAt = comments.open(Date.now(), state.stageDuration('CIVIL_SOCIETY_COMMENT'));
    await enterStage('CIVIL_SOCIETY_COMMENT', { commentWindowClosesAt: new Date(closesAt).toISOString() });
    await runner.runUntil(
      () => false,
      () => comments.closingTime,
    );
    await condition(allHandlersFinished);
    if (comments.visibleIds().length > 0) {
      const [task] = await runner.open([
        {
          type: 'disposition',
          stage: 'CIVIL_SOCIETY_COMMENT',
          assignee: input.submittedBy,
          candidate: { role: 'submitter' },
          dueAt: Date.now() + state.stageDuration('CIVIL_SOCIETY_COMMENT'),
        },
      ]);
      await runner.runUntil(() => task.status !== 'open');
      const revised = task.outcome?.revisedVersion;
      if (revised) {
        content = (await activities.loadVersion(input.planId, revised.number)).content;
        state.adopt(revised);
      }
    }
    await projector.write({
      status: { status: 'CIVIL_SOCIETY_COMMENT', version: state.version, returnTo: null },
      events: [completeStage('CIVIL_SOCIETY_COMMENT', { visibleComments: comments.visibleIds().length })],
    });
    return state.commentStageEnded();
  };

  const secretariatReview = async (): Promise<Transition> => {
    const [task] = await runner.open([
      {
        type: 'secretariat_review',
        stage: 'SECRETARIAT_REVIEW',
        candidate: { role: 'secretariat' },
        dueAt: Date.now() + state.stageDuration('SECRETARIAT_REVIEW'),
      },
    ]);
    await runner.runUntil(() => task.status !== 'open');
    const outcome = task.outcome!;
    const transition = state.secretariatDecided(outcome.decision as 'approve' | 'request_revision' | 'reject');
    decided = { actor: outcome.actor, payload: { reason: outcome.reason } };
    await projector.write({
      events: [completeStage('SECRETARIAT_REVIEW', { decision: outcome.decision, reason: outcome.reason })],
    });
    return transition;
  };

  /**
   * The seats of the silence procedure. With none, endorsement must not pass (DOMAIN §4.4): the
   * admins are told, and the plan waits in GOF_ENDORSEMENT until a seat is added.
   */
  const endorsingSeats = async (): Promise<string[]> => {
    let seats = await activities.listGofSeats();
    if (seats.length > 0 || !patched(WAIT_FOR_SEATS)) return seats;
    await projector.write({
      events: [
        projector.event('ESCALATED', SYSTEM_ACTOR, state.version, {
          reason: 'no Group of Friends seats: the endorsement waits until an admin adds one',
          stage: 'GOF_ENDORSEMENT',
        }),
      ],
    });
    while (seats.length === 0) {
      // The API signals when a seat is added; a missed signal costs at most an hour.
      await condition(() => seatsChanged, '1 hour');
      seatsChanged = false;
      seats = await activities.listGofSeats();
    }
    return seats;
  };

  const endorsement = async (): Promise<Transition> => {
    const seats = await endorsingSeats();
    const dueAt = Date.now() + state.stageDuration('GOF_ENDORSEMENT');
    const tasks = await runner.open(
      seats.map((seat) => ({
        type: 'endorsement' as const,
        stage: 'GOF_ENDORSEMENT' as const,
        candidate: { role: 'gof_member' as const, seat },
        dueAt,
      })),
    );
    const breaks = (): SilenceBreak[] =>
      tasks
        .filter((t) => t.outcome?.decision === 'break_silence')
        .map((t) => ({
          seat: t.candidate.seat!,
          reason: t.outcome!.reason ?? '',
          actor: t.outcome!.actor,
          version: t.version,
        }));
    await runner.runUntil(() => breaks().length > 0 || tasks.every((t) => t.status !== 'open'));
    await runner.cancelOpen();
    const transition = state.endorsementEnded(breaks());
    if (transition.kind === 'end') decided = endorsedBy(tasks.map((t) => t.outcome!));
    await projector.write({
      events: [completeStage('GOF_ENDORSEMENT', { silenceBroken: breaks().length > 0 })],
    });
    return transition;
  };

  const awaitRevision = async (returnTo: Stage, escalate: boolean): Promise<Transition> => {
    // The secretariat asked for it, with a reason; objections in a consultation are the system's.
    const by = returnTo === 'SECRETARIAT_REVIEW' ? decided : { actor: SYSTEM_ACTOR, payload: {} };
    await projector.write({
      status: { status: 'REVISION', version: state.version, returnTo },
      events: [
        projector.event('REVISION_REQUESTED', by.actor, state.version, { returnTo, ...by.payload }),
        ...(escalate
          ? [
              projector.event('ESCALATED', SYSTEM_ACTOR, state.version, {
                reason: `more than ${state.settings.maxRevisionRounds} revision rounds`,
                rounds: state.secretariatRevisionRounds,
              }),
            ]
          : []),
      ],
    });
    await condition(() => revision !== undefined);
    const next = revision!;
    content = (await activities.loadVersion(input.planId, next.version.number)).content;
    const stage = state.revised(next.version);
    revision = undefined;
    return { kind: 'enter', stage };
  };

  const runProcess = async (): Promise<void> => {
    content = (await activities.loadVersion(input.planId, input.version.number)).content;
    let transition: Transition = { kind: 'enter', stage: 'NATIONAL_CONSULTATION' };
    while (transition.kind !== 'end') {
      if (transition.kind === 'revision') {
        transition = await awaitRevision(transition.returnTo, transition.escalate);
        continue;
      }
      const stage = transition.stage;
      // The comment stage opens its window before it is announced, so that no comment is refused.
      if (stage !== 'CIVIL_SOCIETY_COMMENT') {
        await enterStage(stage, stage === 'SECRETARIAT_REVIEW' ? { objections: state.currentObjections() } : {});
      }
      switch (stage) {
        case 'NATIONAL_CONSULTATION':
          transition = await consultation();
          break;
        case 'CIVIL_SOCIETY_COMMENT':
          transition = await civilSocietyComment();
          break;
        case 'SECRETARIAT_REVIEW':
          transition = await secretariatReview();
          break;
        case 'GOF_ENDORSEMENT':
          transition = await endorsement();
          break;
      }
    }
    const ended = transition.status;
    await projector.write({
      status: { status: ended, version: state.version, returnTo: null },
      events: [
        projector.event(ended === 'ENDORSED' ? 'PLAN_ENDORSED' : 'PLAN_REJECTED', decided.actor, state.version, {
          ...decided.payload,
        }),
      ],
    });
  };

  const scope = new CancellationScope();
  const process = scope.run(runProcess);
  await Promise.race([process, condition(() => ending !== undefined)]);
  if (ending) {
    scope.cancel();
    await process.catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
    const { status, request } = ending;
    state.status = status;
    await projector.write({
      status: { status, version: state.version, returnTo: null },
      cancelTasks: 'all-open',
      events: [
        projector.event(status === 'WITHDRAWN' ? 'PLAN_WITHDRAWN' : 'PLAN_CANCELLED', request.actor, state.version, {
          reason: request.reason,
        }),
      ],
    });
  }
  finished = true;
  await condition(allHandlersFinished);
  return { status: state.status, version: state.version };
}

/** Every seat endorsed: the last of them decided. Otherwise silence held to the deadline: nobody did. */
function endorsedBy(outcomes: TaskOutcome[]): { actor: string; payload: Record<string, unknown> } {
  const answered = outcomes.filter((o) => o.actor !== SYSTEM_ACTOR);
  if (answered.length === 0 || answered.length < outcomes.length) {
    return { actor: SYSTEM_ACTOR, payload: { outcome: 'silence' } };
  }
  const last = answered.reduce((a, b) => (b.completedAt >= a.completedAt ? b : a));
  return { actor: last.actor, payload: { outcome: 'endorsed' } };
}
