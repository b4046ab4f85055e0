import {
  CancellationScope,
  allHandlersFinished,
  condition,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SYSTEM_ACTOR } from '@aoc/domain/actor';
import { PlanContent, Stage, type VersionRef, participatingCountries } from '@aoc/domain/plan.types';
import { PlanReviewState, SilenceBreak, Transition } from '@aoc/domain/review/plan-review.state';
import { CANDIDATE_ROLES } from '@aoc/domain/task.types';
import {
  PlanReviewInput,
  PlanReviewResult,
  ReviewSnapshot,
  cancelUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  hideCommentUpdate,
  moveStageDeadlineUpdate,
  postCommentUpdate,
  reassignTaskUpdate,
  releaseTaskUpdate,
  seatsChangedSignal,
  snapshotQuery,
  submitRevisionUpdate,
  withdrawUpdate,
} from './contracts';
import type { RecordActivities } from './activities.contract';
import { CommentBoard } from './comment-board';
import { endorsedBy, objectionsOf } from './deciders';
import { lookupsFor } from './activity-proxies';
import { Decided, Journal } from './journal';
import { nationalConsultationWorkflow } from './national-consultation.workflow';
import { planSearchAttributeUpdates } from './search-attributes';
import { ReviewControls } from './review-controls';
import {
  ADOPTION_RECORD,
  DISPOSITION_CONSULTS_NEW,
  NAMED_STEPS,
  ONE_STEP_DECISIONS,
  ONE_TASK_DECISIONS,
  RULE_EVENTS,
} from './review-patches';
import { TaskRunner, guard } from './task-runner';

/** Rendering and signing a record takes a second or so; a lost attempt is retried, and stores nothing twice. */
const records = proxyActivities<RecordActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One plan's way from submission to a terminal status (DOMAIN §4). The rules live in
 * PlanReviewState and libs/domain; this function is the process: its stages, in order, each
 * with its tasks, its deadline and what it records. Every message the workflow takes is
 * registered in one block, first, so that an Update arriving with the first workflow task
 * (a withdrawal right after submission) finds its handler.
 */
export async function planReviewWorkflow(input: PlanReviewInput): Promise<PlanReviewResult> {
  const { workflowId } = workflowInfo();
  // Decided once, first: a review started before 0.3 keeps the 0.2 command order to its end.
  const oneStep = patched(ONE_STEP_DECISIONS);
  // Decided once, first too: a review started before 0.5 keeps its events as they were, and waits
  // for a decision's write in its Update (two patches of 0.5, in this order).
  const ruleEvents = patched(RULE_EVENTS);
  const oneTask = oneStep && patched(ONE_TASK_DECISIONS);
  // Decided once, first, last of the patches: a review started before 0.6 keeps one write activity.
  const namedSteps = oneTask && patched(NAMED_STEPS);
  const activities = lookupsFor(oneStep);
  const state = new PlanReviewState(input.settings, input.version);
  const journal = new Journal(input.planId, oneStep, ruleEvents, oneTask, namedSteps);
  const comments = new CommentBoard(journal, { status: () => state.status, version: () => state.version });
  const runner = new TaskRunner(journal, input.submittedBy, () => state.version, {
    visibleCommentIds: () => comments.visibleIds(),
    planCountries: () => (content ? participatingCountries(content) : []),
    validate: (task, decision) => {
      if (task.type === 'secretariat_review') state.assertSecretariatMay(decision.decision);
    },
  });
  const controls = new ReviewControls(state, runner, comments, () => snapshot());
  let content: PlanContent | undefined;
  /** Who made the last decision that moves the plan on (a revision request, the end), and why. */
  let decided: Decided = { actor: SYSTEM_ACTOR, payload: {} };
  /** RULE_EVENTS: who objected in the last consultation, and why (its revision request names them). */
  let objected: Decided = { actor: SYSTEM_ACTOR, payload: {} };
  let seatsChanged = false;

  // Messages: every Query, Signal and Update this workflow takes.
  setHandler(snapshotQuery, () => snapshot());
  setHandler(seatsChangedSignal, () => {
    seatsChanged = true;
  });
  setHandler(submitRevisionUpdate, controls.receiveRevision, { validator: guard(controls.validateRevision) });
  setHandler(withdrawUpdate, controls.withdraw, { validator: guard(controls.validateEnding) });
  setHandler(cancelUpdate, controls.cancel, { validator: guard(controls.validateEnding) });
  setHandler(moveStageDeadlineUpdate, controls.moveStageDeadline, { validator: guard(controls.validateStageDeadline) });
  setHandler(completeTaskUpdate, runner.complete, { validator: guard(runner.validateCompletion) });
  setHandler(claimTaskUpdate, runner.claim, { validator: guard(runner.validateClaim) });
  setHandler(releaseTaskUpdate, runner.release, { validator: guard(runner.validateRelease) });
  setHandler(extendDeadlineUpdate, runner.extendTask, { validator: guard(runner.validateTaskExtension) });
  setHandler(reassignTaskUpdate, runner.reassign, { validator: guard(runner.validateReassignment) });
  setHandler(postCommentUpdate, comments.post, { validator: guard(comments.validatePost) });
  setHandler(hideCommentUpdate, comments.hide, { validator: guard(comments.validateHide) });

  /** One step: the search attributes follow the plan's status, stage, kind and countries. */
  function publishSearchAttributes(): void {
    if (!oneStep) return;
    upsertSearchAttributes(
      planSearchAttributeUpdates({ status: state.status, stage: state.stage, returnTo: state.returnTo, content }),
    );
  }

  function snapshot(): ReviewSnapshot {
    return {
      status: state.status,
      stage: state.stage,
      version: state.version,
      returnTo: state.returnTo,
      secretariatRevisionRounds: state.secretariatRevisionRounds,
      commentWindowClosesAt: comments.closingTime,
      openTaskIds: runner.book.open().map((t) => t.id),
    };
  }

  // The stages (DOMAIN §4.1–§4.4).

  /** §4.1: one consultation per participating country, in parallel; a body's silence is `no_response`. */
  async function nationalConsultation(): Promise<Transition> {
    const scopes = state.consultationScopes(content!.consultees, participatingCountries(content!));
    // One step: the stage's entry is written before the consultations open their tasks.
    if (journal.holding) await journal.flush();
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
    if (transition.kind === 'revision') objected = objectionsOf(answers);
    // Every body's standing answer: those consulted again answered this version, the others' stand, stale.
    const standing = state.standingAnswers().map(({ country, body, decision, version }) => ({
      country,
      body,
      decision,
      version,
      stale: state.isStale({ version }),
    }));
    await journal.stageCompleted('NATIONAL_CONSULTATION', state.version, {
      answers,
      standing,
      outcome: transition.kind,
    });
    return transition;
  }

  /**
   * §4.2: the comment window runs to its (movable) close; then the submitter disposes of every
   * visible comment, and may attach a revised version. A disposition that is late is escalated.
   */
  async function civilSocietyComment(): Promise<Transition> {
    let revised: { version: VersionRef; content: PlanContent } | undefined;
    await runner.runUntil(
      () => false,
      () => comments.closingTime,
    );
    if (comments.visibleIds().length > 0) {
      const [task] = await runner.open(
        [
          {
            type: 'disposition',
            stage: 'CIVIL_SOCIETY_COMMENT',
            assignee: input.submittedBy,
            candidate: { role: CANDIDATE_ROLES.disposition },
            dueAt: Date.now() + state.stageDuration('CIVIL_SOCIETY_COMMENT'),
          },
        ],
        'escalate',
      );
      await runner.runUntil(() => task.status !== 'open');
      const version = task.outcome?.revisedVersion;
      if (version) {
        content = (await activities.readPlanVersion(input.planId, version.number)).content;
        revised = { version, content };
        state.adopt(version);
        await journal.versionCreated(version, task.outcome!.actor, 'CIVIL_SOCIETY_COMMENT');
        publishSearchAttributes();
      }
    }
    await journal.stageCompleted('CIVIL_SOCIETY_COMMENT', state.version, {
      visibleComments: comments.visibleIds().length,
    });
    const next = state.commentStageEnded();
    // DISPOSITION_CONSULTS_NEW: bodies or countries a disposition's version adds are consulted before
    // the secretariat's review (§4.1), as for any other revision. Decided only where it matters.
    if (
      revised &&
      ruleEvents &&
      patched(DISPOSITION_CONSULTS_NEW) &&
      state.consultNewBodies(revised.content.consultees, participatingCountries(revised.content))
    ) {
      return { kind: 'enter', stage: 'NATIONAL_CONSULTATION' };
    }
    return next;
  }

  /** §4.3: one task for the secretariat, which approves, requests a revision or rejects. Late: escalated. */
  async function secretariatReview(): Promise<Transition> {
    const [task] = await runner.open(
      [
        {
          type: 'secretariat_review',
          stage: 'SECRETARIAT_REVIEW',
          candidate: { role: CANDIDATE_ROLES.secretariat_review },
          dueAt: Date.now() + state.stageDuration('SECRETARIAT_REVIEW'),
        },
      ],
      'escalate',
    );
    await runner.runUntil(() => task.status !== 'open');
    const outcome = task.outcome!;
    const transition = state.secretariatDecided(outcome.decision);
    decided = { actor: outcome.actor, payload: { reason: outcome.reason } };
    // RULE_EVENTS: the stage completed by the reviewer's decision names the reviewer (DOMAIN §6).
    await journal.stageCompleted(
      'SECRETARIAT_REVIEW',
      state.version,
      { decision: outcome.decision, reason: outcome.reason },
      ruleEvents ? outcome.actor : SYSTEM_ACTOR,
    );
    return transition;
  }

  /**
   * §4.4: the silence procedure. Every seat gets a task; silence is consent, so a seat's
   * deadline gives `silent`. The first broken silence ends the procedure.
   */
  async function gofEndorsement(): Promise<Transition> {
    const seats = await endorsingSeats();
    const dueAt = Date.now() + state.stageDuration('GOF_ENDORSEMENT');
    const tasks = await runner.open(
      seats.map((seat) => ({
        type: 'endorsement' as const,
        stage: 'GOF_ENDORSEMENT' as const,
        candidate: { role: CANDIDATE_ROLES.endorsement, seat },
        dueAt,
      })),
      'silent',
    );
    const breaks = (): SilenceBreak[] =>
      tasks.flatMap((t) =>
        t.outcome?.decision === 'break_silence'
          ? [{ seat: t.candidate.seat!, reason: t.outcome.reason ?? '', actor: t.outcome.actor, version: t.version }]
          : [],
      );
    await runner.runUntil(() => breaks().length > 0 || tasks.every((t) => t.status !== 'open'));
    await runner.cancelOpen();
    const transition = state.endorsementEnded(breaks());
    if (transition.kind === 'end') decided = endorsedBy(tasks.flatMap((t) => (t.outcome ? [t.outcome] : [])));
    await journal.stageCompleted('GOF_ENDORSEMENT', state.version, { silenceBroken: breaks().length > 0 });
    return transition;
  }

  /**
   * The seats of the silence procedure. With none, endorsement must not pass (DOMAIN §4.4): the
   * admins are told, and the plan waits in GOF_ENDORSEMENT until a seat is added.
   */
  async function endorsingSeats(): Promise<string[]> {
    let seats = await activities.readGofSeats();
    if (seats.length > 0) return seats;
    await journal.escalated(state.version, {
      reason: 'no Group of Friends seats: the endorsement waits until an admin adds one',
      stage: 'GOF_ENDORSEMENT',
    });
    while (seats.length === 0) {
      // The API signals when a seat is added; a missed signal costs at most an hour.
      await condition(() => seatsChanged, '1 hour');
      seatsChanged = false;
      seats = await activities.readGofSeats();
    }
    return seats;
  }

  /** REVISION: the submitter's new version returns the plan to the stage that asked for it. */
  async function awaitRevision(returnTo: Stage, escalate: boolean): Promise<Transition> {
    // The secretariat asked for it, with a reason; after a consultation, the objecting bodies did
    // (RULE_EVENTS; before it, the request was the system's).
    const fromConsultation = ruleEvents ? objected : { actor: SYSTEM_ACTOR, payload: {} };
    const by = returnTo === 'SECRETARIAT_REVIEW' ? decided : fromConsultation;
    const escalation = escalate
      ? { rounds: state.secretariatRevisionRounds, maxRounds: state.settings.maxRevisionRounds }
      : undefined;
    await journal.revisionRequested(returnTo, state.version, by, escalation);
    publishSearchAttributes();
    const next = await controls.pendingRevision();
    content = (await activities.readPlanVersion(input.planId, next.version.number)).content;
    const stage = state.revised(next.version);
    controls.revisionAdopted();
    await journal.versionCreated(next.version, next.actor);
    // RULE_EVENTS: bodies or countries the revision adds are consulted before the stage that asked resumes (§4.1).
    if (ruleEvents && state.consultNewBodies(content.consultees, participatingCountries(content))) {
      return { kind: 'enter', stage: 'NATIONAL_CONSULTATION' };
    }
    return { kind: 'enter', stage };
  }

  async function enterStage(stage: Stage): Promise<void> {
    publishSearchAttributes();
    switch (stage) {
      case 'CIVIL_SOCIETY_COMMENT': {
        // The window opens before the stage is announced, so that no comment is refused.
        const closesAt = comments.open(Date.now(), state.stageDuration(stage));
        return journal.stageEntered(stage, state.version, { commentWindowClosesAt: new Date(closesAt).toISOString() });
      }
      case 'SECRETARIAT_REVIEW':
        return journal.stageEntered(stage, state.version, { objections: state.currentObjections() });
      case 'NATIONAL_CONSULTATION': {
        // A consultation of what a revision added says which stage resumes after it.
        const resumes = state.resumesAfterConsultation;
        return journal.stageEntered(stage, state.version, resumes ? { newBodiesOnly: true, resumes } : {});
      }
      default:
        return journal.stageEntered(stage, state.version);
    }
  }

  const stages: Record<Stage, () => Promise<Transition>> = {
    NATIONAL_CONSULTATION: nationalConsultation,
    CIVIL_SOCIETY_COMMENT: civilSocietyComment,
    SECRETARIAT_REVIEW: secretariatReview,
    GOF_ENDORSEMENT: gofEndorsement,
  };

  async function review(): Promise<void> {
    await journal.planSubmitted(input.version, input.submittedBy);
    content = (await activities.readPlanVersion(input.planId, input.version.number)).content;
    let transition: Transition = { kind: 'enter', stage: 'NATIONAL_CONSULTATION' };
    while (transition.kind !== 'end') {
      if (transition.kind === 'revision') {
        transition = await awaitRevision(transition.returnTo, transition.escalate);
        continue;
      }
      await enterStage(transition.stage);
      transition = await stages[transition.stage]();
    }
    await journal.planEnded(transition.status, state.version, decided);
    publishSearchAttributes();
    if (transition.status === 'ENDORSED' && patched(ADOPTION_RECORD)) {
      // Retried while PostgreSQL is away; refused for good only when the data is gone (the
      // stores disagree, docs/operations.md): the plan stays endorsed and the admins are told.
      await records.issueAdoptionRecord({ planId: input.planId, version: state.version }).catch((error: unknown) =>
        journal.escalated(state.version, {
          reason: `the adoption record could not be issued: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`,
        }),
      );
    }
  }

  // The process, which a withdrawal or a cancellation interrupts.
  const scope = new CancellationScope();
  const process = scope.run(review);
  await Promise.race([process, condition(() => controls.ending !== undefined)]);
  const { ending } = controls;
  if (ending) {
    scope.cancel();
    await process.catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
    const { status, request } = ending;
    state.status = status;
    await journal.planEnded(status, state.version, { actor: request.actor, payload: { reason: request.reason } });
    publishSearchAttributes();
  }
  controls.finish();
  await condition(allHandlersFinished);
  // One task: a decision's write may still be running; the review ends after it.
  if (oneTask) await journal.settled();
  return { status: state.status, version: state.version };
}
