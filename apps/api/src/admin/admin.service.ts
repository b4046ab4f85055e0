import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { invalid } from '@aoc/domain/domain-error';
import { PLAN_STATUSES, STAGES } from '@aoc/domain/plan.types';
import { isRecordId } from '@aoc/publication/record-id';
import { listRecords } from '@aoc/persistence/repositories/adoption-records';
import { openTasksByStage, plansByStatus, stageTimes } from '@aoc/persistence/repositories/monitoring';
import { countUsersWithUnknownScope } from '@aoc/persistence/repositories/users';
import { type WaitingOnRow, decodeCursor, encodeCursor, readWaitingOn } from '@aoc/persistence/repositories/waiting-on';
import { temporalUiUrl } from '../temporal/temporal-ui';
import { OVERVIEW_DEFAULT_WINDOW_DAYS, OverviewQuery, RecordsQuery, WaitingOnQuery } from './dto/admin.query';
import type {
  AdoptionRecordsPageResponse,
  BlockerResponse,
  OverviewResponse,
  PlanWaitingOnResponse,
  WaitingOnPageResponse,
  WaitingPlanResponse,
} from './dto/admin.responses';

const DAY_MS = 86_400_000;

/** The admins' monitoring (DOMAIN §7): read only, from PostgreSQL, never from Temporal. */
@Injectable()
export class AdminService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async overview(query: OverviewQuery): Promise<OverviewResponse> {
    const now = Date.now();
    const since = query.since ? new Date(query.since) : new Date(now - OVERVIEW_DEFAULT_WINDOW_DAYS * DAY_MS);
    if (Number.isNaN(since.getTime())) throw invalid('since must be a valid date');
    const [plans, tasks, times, unknownScope] = await Promise.all([
      plansByStatus(this.db.manager),
      openTasksByStage(this.db.manager),
      stageTimes(this.db.manager, since),
      countUsersWithUnknownScope(this.db.manager),
    ]);
    const count = (status: string) => plans.find((r) => r.status === status && r.return_to === null)?.plans ?? 0;
    const round = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Math.round(Number(ms)));
    return {
      at: new Date(now).toISOString(),
      since: since.toISOString(),
      byStatus: PLAN_STATUSES.map((status) => ({ status, plans: count(status) })),
      byStage: STAGES.map((stage) => {
        const open = tasks.find((r) => r.stage === stage);
        const time = times.find((r) => r.stage === stage);
        return {
          stage,
          plans: count(stage),
          inRevision: plans.find((r) => r.status === 'REVISION' && r.return_to === stage)?.plans ?? 0,
          openTasks: open?.open ?? 0,
          overdueTasks: open?.overdue ?? 0,
          timeInStage: { completed: time?.completed ?? 0, p50Ms: round(time?.p50), p90Ms: round(time?.p90) },
          configuredDurationMs: this.config.review.durations[stage],
        };
      }),
      usersWithUnknownScope: unknownScope,
    };
  }

  async waitingOn(query: WaitingOnQuery): Promise<WaitingOnPageResponse> {
    const rows = await readWaitingOn(this.db.manager, {
      stage: query.stage,
      country: query.country,
      overdue: query.overdue,
      limit: query.limit,
      after: query.after ? decodeCursor(query.after) : undefined,
    });
    const items: WaitingPlanResponse[] = [];
    let last: WaitingOnRow | undefined;
    for (const row of rows) {
      if (row.plan_id === null) continue; // the count alone: a page past the end
      if (last?.plan_id !== row.plan_id) {
        items.push({
          planId: row.plan_id,
          title: row.title,
          kind: row.kind,
          status: row.status,
          countries: row.countries,
          submittedBy: row.submitted_by,
          waitingSince: null,
          overdue: false,
          temporalUiUrl: temporalUiUrl(this.config, row.plan_workflow_id),
          blockers: [],
        });
      }
      last = row;
      const plan = items[items.length - 1];
      const blocker = blockerView(row);
      plan.blockers.push(blocker);
      plan.overdue ||= blocker.overdue;
      plan.waitingSince ??= blocker.dueAt;
    }
    const total = rows[0]?.total ?? 0;
    const full = items.length === query.limit;
    return {
      items,
      total,
      limit: query.limit,
      nextAfter: full && last?.key && last.plan_id ? encodeCursor(last.key, last.plan_id) : null,
    };
  }

  /**
   * Who one plan waits on now (DOMAIN §7): the same query as the admins' list, for one plan; no
   * blocker when it waits on nobody. The caller checks that the reader may see the plan.
   */
  async waitingOnPlan(planId: string): Promise<PlanWaitingOnResponse> {
    const rows = await readWaitingOn(this.db.manager, { planId, limit: 1 });
    const blockers = rows.filter((row) => row.plan_id !== null).map(blockerView);
    return { planId, overdue: blockers.some((b) => b.overdue), blockers };
  }

  /** The adoption records issued, newest first, by pages (one more row read to know whether a next page exists). */
  async records(query: RecordsQuery): Promise<AdoptionRecordsPageResponse> {
    const before = query.before ? decodeRecordCursor(query.before) : undefined;
    const rows = await listRecords(this.db.manager, query.limit + 1, before);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        planId: r.planId,
        title: r.title,
        versionNumber: r.versionNumber,
        versionHash: r.versionHash,
        issuedAt: new Date(r.issuedAt).toISOString(),
        keyId: r.keyId,
        languages: r.languages,
        pdfBytes: r.pdfBytes,
      })),
      limit: query.limit,
      nextBefore: rows.length > query.limit && last ? encodeRecordCursor(new Date(last.issuedAt), last.id) : null,
    };
  }
}

/** The records list's cursor: the last record's issue time (milliseconds, as the worker wrote it) and id. */
const encodeRecordCursor = (issuedAt: Date, id: string) =>
  Buffer.from(`${issuedAt.toISOString()}|${id}`).toString('base64url');

function decodeRecordCursor(before: string): { issuedAt: string; id: string } {
  const [issuedAt, id, ...rest] = Buffer.from(before, 'base64url').toString('utf8').split('|');
  const at = Date.parse(issuedAt ?? '');
  if (rest.length > 0 || !isRecordId(id ?? '') || !Number.isFinite(at) || new Date(at).toISOString() !== issuedAt) {
    throw invalid('before must be the nextBefore of a previous page of records; start again without it');
  }
  return { issuedAt, id };
}

function blockerView(row: WaitingOnRow): BlockerResponse {
  return {
    kind: row.blocker,
    stage: row.stage,
    ...(row.task_id ? { taskId: row.task_id, taskType: row.task_type ?? undefined } : {}),
    ...(row.workflow_id ? { workflowId: row.workflow_id } : {}),
    country: row.country,
    body: row.body,
    seat: row.seat,
    assignee: row.assignee,
    candidateRole: row.candidate_role,
    claimedBy: row.claimed_by,
    heldByNobody: row.held_by_nobody,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    overdue: row.overdue,
    ...(row.return_to ? { returnTo: row.return_to } : {}),
  };
}
