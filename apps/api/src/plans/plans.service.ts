import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '@aoc/domain/actor';
import { DomainError, ErrorCode, conflict, forbidden, invalid, notFound } from '@aoc/domain/domain-error';
import { draftProblems, submissionProblems } from '@aoc/domain/plan-content.rules';
import { type ConsultedBody, unheldBodies, unknownReferences } from '@aoc/domain/registry.rules';
import { diffContent } from '@aoc/domain/plan-diff';
import { assertMayCreatePlan, assertPlanOwner, canViewPlan, planAccess, planVisibility } from '@aoc/domain/plan.policy';
import {
  EDITABLE_STATUSES,
  PlanContent,
  STAGES,
  VersionRef,
  isTerminal,
  participatingCountries,
} from '@aoc/domain/plan.types';
import type { PlanEntity } from '@aoc/persistence';
import { appendEvents, planEvent, planEventsPage } from '@aoc/persistence/repositories/event-log';
import {
  createPlan,
  endDraft,
  findPlan,
  findPlanOrFail,
  findVersion,
  findVersionOrFail,
  freezeVersion,
  listPlans,
  listVersions,
  lockPlan,
  saveDraft,
} from '@aoc/persistence/repositories/plans';
import { bodyHolders, knownReferences } from '@aoc/persistence/repositories/registry';
import { hasOpenDisposition } from '@aoc/persistence/repositories/tasks';
import { planWorkflowId } from '@aoc/workflows/contracts';
import { Page } from '../common/page';
import { ReviewGateway } from '../temporal/review.gateway';
import { temporalUiUrl } from '../temporal/temporal-ui';
import { ExtendDeadlineDto } from '../tasks/dto/task.dto';
import { CreatePlanDto } from './dto/create-plan.dto';
import { EndReviewDto } from './dto/end-review.dto';
import { ListPlansQuery } from './dto/list-plans.query';
import { TIMELINE_DEFAULT_LIMIT, TimelineQuery } from './dto/timeline.query';
import { UpdatePlanDto } from './dto/update-plan.dto';
import { accessibleEventView, contentHash, planView, versionView } from './plan.views';

const toContent = (dto: CreatePlanDto): PlanContent => ({
  kind: dto.kind,
  title: dto.title,
  summary: dto.summary,
  country: dto.country,
  countries: dto.countries,
  partners: dto.partners,
  consultees: dto.consultees,
  fields: {
    education: { objectives: dto.fields.education.objectives, actions: dto.fields.education.actions },
    media: { objectives: dto.fields.media.objectives, actions: dto.fields.media.actions },
    youth: { objectives: dto.fields.youth.objectives, actions: dto.fields.youth.actions },
    migration: { objectives: dto.fields.migration.objectives, actions: dto.fields.migration.actions },
  },
  priorityTopics: dto.priorityTopics,
});

function assertConsistent(content: PlanContent): void {
  const problems = draftProblems(content);
  if (problems.length > 0) throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/**
 * Refuses a country, consultee body or partner organization the registry doesn't know (DOMAIN
 * §12), naming each field and its nearest known values. What `kept` holds already (a value since
 * retired) stays acceptable.
 */
async function assertKnownToRegistry(db: EntityManager, content: PlanContent, kept?: PlanContent): Promise<void> {
  const problems = unknownReferences(content, await knownReferences(db), kept);
  if (problems.length > 0) {
    throw invalid(
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems.map(({ field, message, nearest }) => ({ field, message, nearest })),
    );
  }
}

/** A warning on a submission: a consulted body nobody holds yet (DOMAIN §12). */
const unheldWarning = (b: ConsultedBody) => ({
  field: `consultees.${b.country}`,
  message: `no user holds ${b.body} of ${b.country} yet: its consultation waits on nobody until an admin registers one`,
});

/**
 * Plans and their versions: drafts, submission, revision, withdrawal and the read side. Every
 * query is in the plans repository (libs/persistence/src/repositories/plans.ts), the one writer
 * of the API's columns of `plans` and of `plan_versions`.
 */
@Injectable()
export class PlansService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreatePlanDto) {
    const content = toContent(dto);
    const countries = participatingCountries(content);
    assertMayCreatePlan(actor, countries);
    assertConsistent(content);
    await assertKnownToRegistry(this.db.manager, content);
    const id = randomUUID();
    const created = planEvent(id, 'created', 'PLAN_CREATED', actor.sub, undefined, { kind: content.kind });
    await this.db.transaction(async (tx) => {
      await createPlan(tx, {
        id,
        kind: content.kind,
        title: content.title,
        draft: content,
        countries,
        createdBy: actor.sub,
      });
      await appendEvents(tx, [created]);
    });
    return this.view(await findPlanOrFail(this.db.manager, id), actor);
  }

  async update(actor: Actor, id: string, dto: UpdatePlanDto) {
    await this.db.transaction(async (tx) => {
      const plan = await this.lock(tx, id);
      assertPlanOwner(actor, plan, 'edit');
      await this.assertEditable(tx, plan);
      const content: PlanContent = { ...plan.draft, ...(dto as Partial<PlanContent>), kind: plan.kind };
      assertConsistent(content);
      await assertKnownToRegistry(tx, content, plan.draft);
      // Title and countries (which decide who sees the plan) follow the draft only until the
      // first submission; afterwards they follow the frozen versions.
      const listed =
        plan.latestVersion === 0 ? { title: content.title, countries: participatingCountries(content) } : {};
      await saveDraft(tx, id, content, listed);
    });
    return this.get(actor, id);
  }

  /**
   * Freezes the draft as a new version and hands it to the workflow. Safe to repeat: a
   * version that was frozen but not yet delivered is delivered again, never frozen twice, and
   * a repeat while the review runs answers 202 with the version under review, changing nothing.
   */
  async submit(actor: Actor, id: string) {
    const delivery = await this.db.transaction(async (tx) => {
      const plan = await this.lock(tx, id);
      assertPlanOwner(actor, plan, 'submit');
      const undelivered = plan.latestVersion > plan.reviewVersion;
      if (plan.status === 'DRAFT' && plan.latestVersion === 0) {
        return this.freeze(tx, plan, actor);
      }
      if (plan.status === 'REVISION' && !undelivered) {
        return this.freeze(tx, plan, actor);
      }
      // A repeat: the version already handed over is handed over again (Temporal deduplicates it).
      if (plan.status === 'DRAFT' || undelivered || (STAGES as readonly string[]).includes(plan.status)) {
        const version = await findVersionOrFail(tx, id, plan.latestVersion);
        return { plan, version: { number: version.number, hash: version.hash } };
      }
      throw conflict(
        ErrorCode.PlanNotSubmittable,
        `the plan is ${plan.status}; it can be submitted only as a DRAFT or in REVISION`,
      );
    });
    const { plan, version } = delivery;
    // The escalations of bodies nobody holds were appended with the plan; the outbox notifies the admins.
    if (version.number === 1) {
      await this.reviews.start(id, actor.sub, version, { kind: plan.kind, countries: plan.countries });
    } else await this.reviews.submitRevision(id, version, actor.sub);
    const workflowId = planWorkflowId(id);
    const warnings = 'unheld' in delivery ? delivery.unheld.map(unheldWarning) : [];
    return {
      id,
      status: plan.status,
      version,
      workflowId,
      temporalUiUrl: temporalUiUrl(this.config, workflowId),
      warnings,
    };
  }

  async withdraw(actor: Actor, id: string, dto: EndReviewDto) {
    const plan = await this.find(id);
    assertPlanOwner(actor, plan, 'withdraw');
    return this.end(actor, plan, 'WITHDRAWN', dto);
  }

  async cancel(actor: Actor, id: string, dto: EndReviewDto) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may cancel a review');
    return this.end(actor, await this.find(id), 'CANCELLED', dto);
  }

  async get(actor: Actor, id: string) {
    return this.view(await this.findVisible(actor, id), actor);
  }

  async list(actor: Actor, query: ListPlansQuery): Promise<Page<ReturnType<typeof planView>>> {
    const [rows, total] = await listPlans(
      this.db.manager,
      { visibility: planVisibility(actor), sub: actor.sub },
      {
        status: query.status,
        kind: query.kind,
        country: query.country,
        submitter: query.submitter,
        updatedSince: query.updatedSince ? new Date(query.updatedSince) : undefined,
      },
      { sort: query.sort, offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
    );
    return { items: rows.map((row) => this.view(row, actor)), page: query.page, pageSize: query.pageSize, total };
  }

  async versions(actor: Actor, id: string) {
    const plan = await this.findVisible(actor, id);
    const rows = await listVersions(this.db.manager, id);
    return rows.map((v) => versionView(v, plan.latestVersion));
  }

  async diff(actor: Actor, id: string, a: number, b: number) {
    await this.findVisible(actor, id);
    const [from, to] = await Promise.all([findVersion(this.db.manager, id, a), findVersion(this.db.manager, id, b)]);
    if (!from || !to) throw notFound(`plan ${id} has no version ${!from ? a : b}`);
    return {
      from: { number: from.number, hash: from.hash },
      to: { number: to.number, hash: to.hash },
      changes: diffContent(from.content, to.content),
    };
  }

  /**
   * A page of the plan's events, oldest first, after the cursor `after` (an event id); `next` is the
   * cursor of the page that follows, when there is one. Read from idx_events_plan (plan_id, id).
   */
  async timeline(actor: Actor, id: string, query: Partial<TimelineQuery> = {}) {
    const plan = await this.findVisible(actor, id);
    const access = planAccess(actor, plan)!;
    const limit = query.limit ?? TIMELINE_DEFAULT_LIMIT;
    const events = await planEventsPage(this.db.manager, id, query.after, limit + 1);
    const more = events.length > limit;
    const page = more ? events.slice(0, limit) : events;
    return {
      // A reader with public access (civil society) reads what the library shows (DOMAIN §2).
      events: page.flatMap((e) => accessibleEventView(access, e, plan.latestVersion) ?? []),
      next: more ? page[page.length - 1].id : undefined,
    };
  }

  /** A plan as `actor` may see it, with its workflow's link in the Temporal Web UI. */
  private view(plan: PlanEntity, actor: Actor) {
    return planView(plan, actor, temporalUiUrl(this.config, plan.workflowId));
  }

  async findVisible(actor: Actor, id: string): Promise<PlanEntity> {
    const plan = await this.find(id);
    if (!canViewPlan(actor, plan)) throw forbidden('you may not see this plan');
    return plan;
  }

  private async find(id: string): Promise<PlanEntity> {
    const plan = await findPlan(this.db.manager, id);
    if (!plan) throw notFound(`plan ${id} does not exist`);
    return plan;
  }

  private async lock(tx: EntityManager, id: string): Promise<PlanEntity> {
    const plan = await lockPlan(tx, id);
    if (!plan) throw notFound(`plan ${id} does not exist`);
    return plan;
  }

  /** A DRAFT, a plan in REVISION, or a plan whose comments await disposition can be edited. */
  private async assertEditable(tx: EntityManager, plan: PlanEntity): Promise<void> {
    const undelivered = plan.latestVersion > plan.reviewVersion;
    if (!undelivered && (EDITABLE_STATUSES.includes(plan.status) || (await this.awaitsDisposition(tx, plan)))) return;
    throw conflict(
      ErrorCode.PlanNotEditable,
      `the plan is ${plan.status}; only a DRAFT, a plan in REVISION or one whose comments await disposition can be edited`,
    );
  }

  private async awaitsDisposition(tx: EntityManager, plan: PlanEntity): Promise<boolean> {
    if (plan.status !== 'CIVIL_SOCIETY_COMMENT') return false;
    return hasOpenDisposition(tx, plan.id);
  }

  /**
   * Freezes the draft as the revised version attached to a disposition of comments; a version
   * frozen for it before (a retried request) is returned again rather than frozen twice.
   */
  async freezeForDisposition(actor: Actor, id: string): Promise<VersionRef> {
    return this.db.transaction(async (tx) => {
      const plan = await this.lock(tx, id);
      assertPlanOwner(actor, plan, 'revise');
      if (plan.latestVersion > plan.reviewVersion) {
        const pending = await findVersionOrFail(tx, id, plan.latestVersion);
        return { number: pending.number, hash: pending.hash };
      }
      if (!(await this.awaitsDisposition(tx, plan)))
        throw conflict(ErrorCode.NoDispositionPending, 'the plan has no comments awaiting disposition');
      return (await this.freeze(tx, plan, actor)).version;
    });
  }

  /** Freezes the draft as the next version; the review records it (VERSION_CREATED) when it takes it. */
  private async freeze(tx: EntityManager, plan: PlanEntity, actor: Actor) {
    const problems = submissionProblems(plan.draft);
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `the plan is not ready to submit: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
    const previous = plan.latestVersion > 0 ? await findVersion(tx, plan.id, plan.latestVersion) : null;
    await assertKnownToRegistry(tx, plan.draft, previous?.content);
    const version: VersionRef = { number: plan.latestVersion + 1, hash: contentHash(plan.draft) };
    // A body nobody holds: the submitter is warned, and the admins told who is missing (DOMAIN §12).
    const holders = await bodyHolders(
      tx,
      participatingCountries(plan.draft).flatMap((country) =>
        (plan.draft.consultees[country] ?? []).map((body) => ({ country, body })),
      ),
    );
    const unheld = unheldBodies(plan.draft, (b) => holders.get(`${b.country}/${b.body}`) ?? 0);
    const escalations =
      unheld.length > 0
        ? [
            planEvent(plan.id, `unheld-bodies:${version.number}`, 'ESCALATED', actor.sub, version, {
              reason: `no user holds ${unheld.map((b) => `${b.body} of ${b.country}`).join(', ')}: register one so that its consultation waits on somebody`,
              missing: unheld,
            }),
          ]
        : [];
    await freezeVersion(tx, {
      planId: plan.id,
      version,
      content: plan.draft,
      createdBy: actor.sub,
      workflowId: planWorkflowId(plan.id),
      title: plan.draft.title,
      countries: participatingCountries(plan.draft),
    });
    await appendEvents(tx, escalations);
    return { plan, version, unheld };
  }

  /** Moves the running stage's deadline later: the comment window's close or the silence procedure's end (admin). */
  async moveDeadline(actor: Actor, id: string, dto: ExtendDeadlineDto) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may move a deadline');
    const plan = await this.find(id);
    if (isTerminal(plan.status) || !plan.workflowId)
      throw conflict(ErrorCode.NoDeadlineRunning, `the plan is ${plan.status}: no deadline runs`);
    await this.reviews.moveStageDeadline(id, { dueAt: Date.parse(dto.dueAt), actor: actor.sub });
    return this.view(await this.find(id), actor);
  }

  /** A never-submitted draft ends here; a plan under review is ended by its workflow. */
  private async end(actor: Actor, plan: PlanEntity, status: 'WITHDRAWN' | 'CANCELLED', dto: EndReviewDto) {
    const type = status === 'WITHDRAWN' ? 'PLAN_WITHDRAWN' : 'PLAN_CANCELLED';
    const ended = planEvent(plan.id, 'draft-ended', type, actor.sub, undefined, { reason: dto.reason });
    const endedAsDraft = await this.db.transaction(async (tx) => {
      const locked = await this.lock(tx, plan.id);
      // A retried withdrawal (or cancellation) that already took effect answers as the first did.
      if (locked.status === status) return locked.latestVersion === 0 ? 'again' : 'review';
      if (isTerminal(locked.status)) throw conflict(ErrorCode.ReviewEnded, `the plan is already ${locked.status}`);
      if (locked.latestVersion > 0) return false;
      await endDraft(tx, plan.id, status);
      await appendEvents(tx, [ended]);
      return 'draft';
    });
    // The draft's end notifies through the event log's outbox (docs/notifications.md), committed with it.
    if (!endedAsDraft) {
      const request = { actor: actor.sub, reason: dto.reason };
      await (status === 'WITHDRAWN' ? this.reviews.withdraw(plan.id, request) : this.reviews.cancel(plan.id, request));
    }
    return this.view(await this.find(plan.id), actor);
  }
}
