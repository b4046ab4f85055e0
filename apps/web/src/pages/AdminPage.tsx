import {
  Button,
  Checkbox,
  Form,
  InlineNotification,
  Modal,
  Select,
  SelectItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TextArea,
  Tile,
} from '@carbon/react';
import { TextInput } from '../components/TextInput';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, data, isApiError, untyped, type Plan } from '../api/client';
import { usePlans, useRefreshingMutation, useUntyped } from '../api/queries';
import { STAGES, TERMINAL } from '../components/domain';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';
import { TimeLeft, useNow } from '../components/TimeLeft';
import { waitingOnFromTimeline } from '../components/waitingOn';

/** One row of "waiting on", from the admin API or, where it is missing, from the plans' timelines. */
interface WaitingRow {
  taskId: string;
  planId: string;
  planTitle: string;
  taskType: string;
  stage: string;
  role?: string;
  country?: string;
  body?: string;
  seat?: string;
  assignee?: string | null;
  claimedBy?: string | null;
  dueAt: string;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function normalizeWaiting(item: Loose, plans: Map<string, Plan>): WaitingRow {
  const candidate = (item.candidate ?? {}) as Loose;
  const planId = str(item.planId) ?? '';
  return {
    taskId: str(item.taskId) ?? str(item.id) ?? '',
    planId,
    planTitle: str(item.planTitle) ?? str(item.title) ?? plans.get(planId)?.title ?? planId.slice(0, 8),
    taskType: str(item.taskType) ?? str(item.type) ?? '',
    stage: str(item.stage) ?? '',
    role: str(candidate.role) ?? str(item.role),
    country: str(candidate.country) ?? str(item.country),
    body: str(candidate.body) ?? str(item.body),
    seat: str(candidate.seat) ?? str(item.seat),
    assignee: str(item.assignee) ?? null,
    claimedBy: str(item.claimedBy) ?? null,
    dueAt: str(item.dueAt) ?? '',
  };
}

const itemsOf = (body: unknown): Loose[] =>
  Array.isArray(body)
    ? (body as Loose[])
    : Array.isArray((body as Loose)?.items)
      ? ((body as Loose).items as Loose[])
      : [];

/** The administrator's dashboard: figures, time in stage, waiting-on and its actions, seats, webhooks. */
export default function AdminPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  const planById = useMemo(() => new Map((plans.data?.items ?? []).map((p) => [p.id, p])), [plans.data]);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <Overview plans={plans.data?.items ?? []} />
      <WaitingOn plans={planById} />
      <CancelPlan
        plans={(plans.data?.items ?? []).filter((p) => !TERMINAL.includes(p.status) && p.status !== 'DRAFT')}
      />
      <Seats />
      <Webhooks />
    </section>
  );
}

function Overview({ plans }: { plans: Plan[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useUntyped<Loose>(['admin', 'overview'], '/api/admin/overview');
  // Figures: the API's overview where it exists; else counted from the plans list.
  const byStatus: Record<string, number> = {};
  for (const p of plans) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  const figures: [string, number][] = overview.data
    ? Object.entries(overview.data).filter((e): e is [string, number] => typeof e[1] === 'number')
    : Object.entries(byStatus);
  const nested = overview.data
    ? Object.entries(overview.data).filter(([, v]) => typeof v === 'object' && v !== null)
    : [];
  const timeInStage = nested.find(([k]) => /stage/i.test(k))?.[1] as Loose | Loose[] | undefined;
  const stageRows: [string, number][] = Array.isArray(timeInStage)
    ? timeInStage.map((r) => [String(r.stage), Number(r.averageMs ?? r.avgMs ?? r.ms ?? r.seconds ?? r.value ?? 0)])
    : timeInStage
      ? Object.entries(timeInStage).map(([k, v]) => [
          k,
          typeof v === 'number' ? v : Number((v as Loose)?.averageMs ?? (v as Loose)?.avgMs ?? 0),
        ])
      : [];
  const max = Math.max(1, ...stageRows.map(([, v]) => v));
  return (
    <section aria-labelledby="overview-title" className="aoc-section">
      <h2 id="overview-title">{t('admin.overview')}</h2>
      {overview.error && !isApiError(overview.error, 404) && <ErrorNotice error={overview.error} />}
      {overview.error && isApiError(overview.error, 404) && <p className="aoc-muted">{t('admin.overviewFromPlans')}</p>}
      <ul className="aoc-figures">
        {figures.map(([k, v]) => (
          <li key={k}>
            <Tile>
              <span className="aoc-figure">{format.number(v)}</span>
              <span>{t(`status.${k}`, { defaultValue: t(`admin.figure.${k}`, { defaultValue: k }) })}</span>
            </Tile>
          </li>
        ))}
      </ul>
      <h3>{t('admin.timeInStage')}</h3>
      {stageRows.length === 0 ? (
        <p className="aoc-muted">{t('admin.noTimeInStage')}</p>
      ) : (
        <table className="aoc-bars">
          <caption className="aoc-visually-hidden">{t('admin.timeInStage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.col.stage')}</th>
              <th scope="col">{t('admin.averageTime')}</th>
            </tr>
          </thead>
          <tbody>
            {stageRows.map(([stage, ms]) => (
              <tr key={stage}>
                <th scope="row">{t(`stage.${stage}`, { defaultValue: stage })}</th>
                <td>
                  <span className="aoc-bar" style={{ width: `${(ms / max) * 100}%` }} aria-hidden="true" />
                  <span>{format.duration(ms)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function useWaitingRows(plans: Map<string, Plan>) {
  const fromApi = useUntyped<unknown>(['admin', 'waiting-on'], '/api/admin/waiting-on?pageSize=100');
  const missing = isApiError(fromApi.error, 404);
  const active = [...plans.values()].filter((p) => STAGES.includes(p.status as (typeof STAGES)[number]));
  const timelines = useQueries({
    queries: active.map((p) => ({
      queryKey: ['plan', p.id, 'timeline'],
      queryFn: () =>
        data(api.GET('/api/plans/{id}/timeline', { params: { path: { id: p.id }, query: { limit: 1000 } } })),
      enabled: missing,
    })),
  });
  if (!missing) {
    return {
      isPending: fromApi.isPending,
      error: fromApi.error,
      rows: itemsOf(fromApi.data).map((i) => normalizeWaiting(i, plans)),
    };
  }
  const rows = active.flatMap((p, index) =>
    waitingOnFromTimeline(timelines[index]?.data ?? []).map((w) =>
      normalizeWaiting({ ...w, planId: p.id, planTitle: p.title } as unknown as Loose, plans),
    ),
  );
  return { isPending: timelines.some((q) => q.isPending), error: timelines.find((q) => q.error)?.error, rows };
}

function WaitingOn({ plans }: { plans: Map<string, Plan> }) {
  const { t } = useTranslation();
  const now = useNow();
  const { rows, isPending, error } = useWaitingRows(plans);
  const [stage, setStage] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [moving, setMoving] = useState<WaitingRow | undefined>();
  const [reassigning, setReassigning] = useState<WaitingRow | undefined>();
  const shown = rows
    .filter((r) => !stage || r.stage === stage)
    .filter((r) => !overdueOnly || new Date(r.dueAt).getTime() < now)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section aria-labelledby="waiting-title" className="aoc-section">
      <h2 id="waiting-title">{t('admin.waitingOn')}</h2>
      <div className="aoc-row aoc-filters" role="group" aria-label={t('inbox.filters')}>
        <Select
          id="waiting-stage"
          labelText={t('inbox.filter.stage')}
          value={stage}
          onChange={(e) => setStage(e.target.value)}
        >
          <SelectItem value="" text={t('inbox.filter.anyStage')} />
          {STAGES.map((s) => (
            <SelectItem key={s} value={s} text={t(`stage.${s}`)} />
          ))}
        </Select>
        <Checkbox
          id="waiting-overdue"
          labelText={t('inbox.filter.overdue')}
          checked={overdueOnly}
          onChange={(_e, { checked }) => setOverdueOnly(checked)}
        />
      </div>
      {isPending ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : (
        <TableContainer>
          <Table size="md" aria-labelledby="waiting-title" data-testid="waiting-on">
            <TableHead>
              <TableRow>
                <TableHeader>{t('inbox.col.plan')}</TableHeader>
                <TableHeader>{t('inbox.col.stage')}</TableHeader>
                <TableHeader>{t('inbox.col.type')}</TableHeader>
                <TableHeader>{t('plan.who')}</TableHeader>
                <TableHeader>{t('inbox.col.timeLeft')}</TableHeader>
                <TableHeader>{t('workspace.actions')}</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={6}>{t('plan.waitingOnNobody')}</TableCell>
                </TableRow>
              ) : (
                shown.map((r) => (
                  <TableRow key={r.taskId}>
                    <TableCell>
                      <RouterLink to={`/plans/${r.planId}`}>{r.planTitle}</RouterLink>
                    </TableCell>
                    <TableCell>{r.stage ? t(`stage.${r.stage}`) : '—'}</TableCell>
                    <TableCell>{r.taskType ? t(`taskType.${r.taskType}`) : '—'}</TableCell>
                    <TableCell>
                      {r.assignee ??
                        [r.role && t(`roles.${r.role}`), r.country, r.body, r.seat].filter(Boolean).join(' · ')}
                      {r.claimedBy && ` (${t('admin.claimedBy', { who: r.claimedBy })})`}
                    </TableCell>
                    <TableCell>{r.dueAt ? <TimeLeft dueAt={r.dueAt} /> : '—'}</TableCell>
                    <TableCell>
                      <Button kind="ghost" size="sm" onClick={() => setMoving(r)}>
                        {t('admin.moveDeadline')}
                      </Button>
                      <Button kind="ghost" size="sm" onClick={() => setReassigning(r)}>
                        {t('admin.reassign')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {moving && <MoveDeadline row={moving} onClose={() => setMoving(undefined)} />}
      {reassigning && <Reassign row={reassigning} onClose={() => setReassigning(undefined)} />}
    </section>
  );
}

/** A datetime-local value an hour past the due date, in local time. */
function laterLocal(iso: string): string {
  const d = new Date(Math.max(new Date(iso).getTime(), Date.now()) + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function MoveDeadline({ row, onClose }: { row: WaitingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(laterLocal(row.dueAt));
  const move = useRefreshingMutation(
    () =>
      data(
        api.POST('/api/tasks/{id}/deadline', {
          params: { path: { id: row.taskId } },
          body: { dueAt: new Date(value).toISOString() },
        }),
      ),
    row.planId,
  );
  return (
    <Modal
      open
      modalHeading={t('admin.moveDeadlineTitle')}
      primaryButtonText={t('admin.moveDeadline')}
      secondaryButtonText={t('common.cancel')}
      onRequestClose={onClose}
      onRequestSubmit={() => move.mutate(undefined, { onSuccess: onClose })}
    >
      <TextInput
        id="new-due"
        type="datetime-local"
        labelText={t('admin.newDueDate')}
        value={value}
        invalid={isApiError(move.error, 400)}
        invalidText={isApiError(move.error, 400) ? (move.error.fieldMessage('dueAt') ?? move.error.message) : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      {move.error && !isApiError(move.error, 400) && <ErrorNotice error={move.error} />}
    </Modal>
  );
}

function Reassign({ row, onClose }: { row: WaitingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['admin', 'users', row.role],
    queryFn: () => data(api.GET('/api/users', { params: { query: row.role ? { role: row.role as never } : {} } })),
  });
  // Only users holding the task's role within its scope.
  const fit = (users.data ?? []).filter(
    (u) =>
      (!row.country || u.country === row.country) &&
      (!row.body || u.body === row.body) &&
      (!row.seat || u.seat === row.seat),
  );
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState('');
  const reassign = useRefreshingMutation(
    () => data(api.POST('/api/tasks/{id}/reassign', { params: { path: { id: row.taskId } }, body: { assignee } })),
    row.planId,
  );
  return (
    <Modal
      open
      modalHeading={t('admin.reassignTitle')}
      primaryButtonText={t('admin.reassign')}
      secondaryButtonText={t('common.cancel')}
      onRequestClose={onClose}
      onRequestSubmit={() => {
        if (!assignee) return setError(t('form.required'));
        reassign.mutate(undefined, { onSuccess: onClose });
      }}
    >
      {users.isPending ? (
        <Loading />
      ) : (
        <Select
          id="assignee"
          labelText={t('admin.assignee')}
          value={assignee}
          invalid={Boolean(error)}
          invalidText={error}
          onChange={(e) => setAssignee(e.target.value)}
        >
          <SelectItem value="" text={fit.length ? t('admin.pickUser') : t('admin.noUser')} />
          {fit.map((u) => (
            <SelectItem key={u.id} value={u.id} text={u.name ? `${u.name} (${u.id})` : u.id} />
          ))}
        </Select>
      )}
      {users.error && <ErrorNotice error={users.error} />}
      {reassign.error && <ErrorNotice error={reassign.error} />}
    </Modal>
  );
}

function CancelPlan({ plans }: { plans: Plan[] }) {
  const { t } = useTranslation();
  const [planId, setPlanId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState(false);
  const cancel = useRefreshingMutation(
    () => data(api.POST('/api/plans/{id}/cancel', { params: { path: { id: planId } }, body: { reason } })),
    planId,
  );
  return (
    <section aria-labelledby="cancel-title" className="aoc-section">
      <h2 id="cancel-title">{t('admin.cancelPlan')}</h2>
      <Form
        noValidate
        aria-labelledby="cancel-title"
        onSubmit={(e) => {
          e.preventDefault();
          const found: Record<string, string> = {};
          if (!planId) found.plan = t('form.required');
          if (!reason.trim()) found.reason = t('form.required');
          setErrors(found);
          setDone(false);
          if (Object.keys(found).length === 0) setConfirm(true);
        }}
      >
        <Stack gap={5}>
          <Select
            id="cancel-plan"
            labelText={t('inbox.col.plan')}
            value={planId}
            invalid={Boolean(errors.plan)}
            invalidText={errors.plan}
            onChange={(e) => setPlanId(e.target.value)}
          >
            <SelectItem value="" text={t('admin.pickPlan')} />
            {plans.map((p) => (
              <SelectItem key={p.id} value={p.id} text={`${p.title} (${t(`status.${p.status}`)})`} />
            ))}
          </Select>
          <TextArea
            id="cancel-reason"
            labelText={t('admin.cancelReason')}
            value={reason}
            invalid={Boolean(errors.reason)}
            invalidText={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {cancel.error && <ErrorNotice error={cancel.error} />}
          {done && (
            <InlineNotification kind="success" lowContrast role="status" title={t('admin.cancelled')} hideCloseButton />
          )}
          <div>
            <Button kind="danger" type="submit">
              {t('admin.cancelPlan')}
            </Button>
          </div>
        </Stack>
      </Form>
      {confirm && (
        <Modal
          open
          danger
          modalHeading={t('admin.cancelConfirm')}
          primaryButtonText={t('admin.cancelPlan')}
          secondaryButtonText={t('common.cancel')}
          onRequestClose={() => setConfirm(false)}
          onRequestSubmit={() =>
            cancel.mutate(undefined, {
              onSettled: () => setConfirm(false),
              onSuccess: () => {
                setDone(true);
                setPlanId('');
                setReason('');
              },
            })
          }
        >
          <p>{plans.find((p) => p.id === planId)?.title}</p>
        </Modal>
      )}
    </section>
  );
}

function Seats() {
  const { t } = useTranslation();
  const seats = useQuery({ queryKey: ['admin', 'seats'], queryFn: () => data(api.GET('/api/gof-seats')) });
  const [seat, setSeat] = useState('');
  const [name, setName] = useState('');
  const add = useRefreshingMutation(() => data(api.POST('/api/gof-seats', { body: { seat, name } })));
  const fieldError = (f: string) => (isApiError(add.error, 400) ? add.error.fieldMessage(f) : undefined);
  return (
    <section aria-labelledby="seats-title" className="aoc-section">
      <h2 id="seats-title">{t('admin.seats')}</h2>
      {seats.isPending ? (
        <Loading />
      ) : seats.error ? (
        <ErrorNotice error={seats.error} />
      ) : (
        <ul className="aoc-bullets" data-testid="seats">
          {seats.data.map((s) => (
            <li key={s.seat}>
              <strong>{s.seat}</strong> — {s.name}
            </li>
          ))}
        </ul>
      )}
      <Form
        noValidate
        aria-labelledby="seats-title"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined, {
            onSuccess: () => {
              setSeat('');
              setName('');
            },
          });
        }}
      >
        <div className="aoc-row">
          <TextInput
            id="seat-id"
            labelText={t('admin.seatId')}
            value={seat}
            invalid={Boolean(fieldError('seat'))}
            invalidText={fieldError('seat')}
            onChange={(e) => setSeat(e.target.value)}
          />
          <TextInput
            id="seat-name"
            labelText={t('admin.seatName')}
            value={name}
            invalid={Boolean(fieldError('name'))}
            invalidText={fieldError('name')}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" size="md">
            {t('admin.addSeat')}
          </Button>
        </div>
        {add.error && !isApiError(add.error, 400) && <ErrorNotice error={add.error} />}
      </Form>
    </section>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const format = useFormat();
  const hooks = useUntyped<unknown>(['admin', 'webhooks'], '/api/admin/webhooks');
  const failed = useUntyped<unknown>(['admin', 'notifications', 'failed'], '/api/admin/notifications?status=failed');
  const [url, setUrl] = useState('');
  const add = useRefreshingMutation(() => untyped('POST', '/api/admin/webhooks', { url }));
  const missing = isApiError(hooks.error, 404);
  return (
    <section aria-labelledby="webhooks-title" className="aoc-section">
      <h2 id="webhooks-title">{t('admin.webhooks')}</h2>
      {missing ? (
        <p className="aoc-muted">{t('admin.webhooksMissing')}</p>
      ) : hooks.isPending ? (
        <Loading />
      ) : hooks.error ? (
        <ErrorNotice error={hooks.error} />
      ) : (
        <>
          <ul className="aoc-bullets" data-testid="webhooks">
            {itemsOf(hooks.data).length === 0 && <li>{t('admin.noWebhooks')}</li>}
            {itemsOf(hooks.data).map((h, i) => (
              <li key={str(h.id) ?? i}>
                <code>{str(h.url)}</code> {Array.isArray(h.events) ? `· ${(h.events as string[]).join(', ')}` : ''}
              </li>
            ))}
          </ul>
          <Form
            noValidate
            aria-labelledby="webhooks-title"
            onSubmit={(e) => (e.preventDefault(), add.mutate(undefined, { onSuccess: () => setUrl('') }))}
          >
            <div className="aoc-row">
              <TextInput
                id="webhook-url"
                type="url"
                labelText={t('admin.webhookUrl')}
                value={url}
                invalid={isApiError(add.error, 400)}
                invalidText={
                  isApiError(add.error, 400) ? (add.error.fieldMessage('url') ?? add.error.message) : undefined
                }
                onChange={(e) => setUrl(e.target.value)}
              />
              <Button type="submit" size="md">
                {t('admin.addWebhook')}
              </Button>
            </div>
            {add.error && !isApiError(add.error, 400) && <ErrorNotice error={add.error} />}
          </Form>
        </>
      )}
      <h3>{t('admin.failedNotifications')}</h3>
      {isApiError(failed.error, 404) ? (
        <p className="aoc-muted">{t('admin.webhooksMissing')}</p>
      ) : failed.isPending ? (
        <Loading />
      ) : failed.error ? (
        <ErrorNotice error={failed.error} />
      ) : itemsOf(failed.data).length === 0 ? (
        <p>{t('admin.noFailed')}</p>
      ) : (
        <ul className="aoc-bullets">
          {itemsOf(failed.data).map((n, i) => (
            <li key={str(n.id) ?? i}>
              {format.dateTime(str(n.createdAt) ?? str(n.at))} · {str(n.channel) ?? str(n.kind) ?? ''} ·{' '}
              {str(n.target) ?? str(n.url) ?? str(n.recipient) ?? ''} · {str(n.lastError) ?? str(n.error) ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
