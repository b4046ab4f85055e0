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
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, data, isApiError, type Plan } from '../api/client';
import { usePlans, useRefreshingMutation } from '../api/queries';
import { AdoptionRecordsPanel } from '../components/AdoptionRecordsPanel';
import { STAGES, TERMINAL } from '../components/domain';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';
import { TimeLeft } from '../components/TimeLeft';

/** One row of "waiting on": a task (or a revision, or a comment window) a plan waits for. */
interface WaitingRow {
  key: string;
  taskId?: string;
  planId: string;
  planTitle: string;
  kind: string;
  taskType?: string;
  stage: string;
  role?: string;
  country?: string | null;
  body?: string | null;
  seat?: string | null;
  assignee?: string | null;
  claimedBy?: string | null;
  dueAt: string | null;
  overdue: boolean;
}

/** The administrator's dashboard: figures, time in stage, waiting-on and its actions, adoption records, seats, webhooks. */
export default function AdminPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <p>
        <RouterLink to="/admin/registry">{t('registry.open')}</RouterLink>
      </p>
      <Overview />
      <WaitingOn />
      <AdoptionRecordsPanel />
      <CancelPlan
        plans={(plans.data?.items ?? []).filter((p) => !TERMINAL.includes(p.status) && p.status !== 'DRAFT')}
      />
      <Seats />
      <Webhooks />
    </section>
  );
}

function Overview() {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useQuery({ queryKey: ['admin', 'overview'], queryFn: () => data(api.GET('/api/admin/overview')) });
  if (overview.isPending) return <Loading />;
  if (overview.error) return <ErrorNotice error={overview.error} />;
  const { byStatus, byStage, since } = overview.data;
  const max = Math.max(1, ...byStage.map((s) => s.timeInStage.p90Ms ?? s.timeInStage.p50Ms ?? 0));
  return (
    <section aria-labelledby="overview-title" className="aoc-section">
      <h2 id="overview-title">{t('admin.overview')}</h2>
      <ul className="aoc-figures" data-testid="figures">
        {byStatus
          .filter((s) => s.plans > 0)
          .map((s) => (
            <li key={s.status}>
              <Tile>
                <span className="aoc-figure">{format.number(s.plans)}</span>
                <span>{t(`status.${s.status}`)}</span>
              </Tile>
            </li>
          ))}
      </ul>
      <h3 id="stages-title">{t('admin.timeInStage')}</h3>
      <p className="aoc-muted">{t('admin.since', { at: format.dateTime(since) })}</p>
      <table className="aoc-bars" aria-labelledby="stages-title">
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.stage')}</th>
            <th scope="col">{t('admin.plansInStage')}</th>
            <th scope="col">{t('admin.openTasks')}</th>
            <th scope="col">{t('admin.overdueTasks')}</th>
            <th scope="col">{t('admin.medianTime')}</th>
            <th scope="col">{t('admin.p90Time')}</th>
          </tr>
        </thead>
        <tbody>
          {byStage.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{t(`stage.${s.stage}`)}</th>
              <td>{format.number(s.plans)}</td>
              <td>{format.number(s.openTasks)}</td>
              <td>{format.number(s.overdueTasks)}</td>
              <td>
                {s.timeInStage.p50Ms === null ? (
                  t('admin.noneCompleted')
                ) : (
                  <>
                    <span
                      className="aoc-bar"
                      style={{ width: `${(s.timeInStage.p50Ms / max) * 10}rem` }}
                      aria-hidden="true"
                    />
                    <span>{format.duration(s.timeInStage.p50Ms)}</span>
                  </>
                )}
              </td>
              <td>{s.timeInStage.p90Ms === null ? '—' : format.duration(s.timeInStage.p90Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface WaitingFilters {
  stage: string;
  country: string;
  overdue: boolean;
}

function useWaitingRows(filters: WaitingFilters) {
  return useQuery({
    queryKey: ['admin', 'waiting-on', filters],
    queryFn: async (): Promise<WaitingRow[]> => {
      const page = await data(
        api.GET('/api/admin/waiting-on', {
          params: {
            query: {
              limit: 100,
              ...(filters.stage ? { stage: filters.stage as 'REVISION' } : {}),
              ...(filters.country ? { country: filters.country.trim().toUpperCase() } : {}),
              ...(filters.overdue ? { overdue: true } : {}),
            },
          },
        }),
      );
      return page.items.flatMap((plan) =>
        plan.blockers.map((b, i) => ({
          key: `${plan.planId}-${b.taskId ?? `${b.kind}-${i}`}`,
          taskId: b.taskId,
          planId: plan.planId,
          planTitle: plan.title,
          kind: b.kind,
          taskType: b.taskType,
          stage: b.stage,
          role: b.candidateRole,
          country: b.country,
          body: b.body,
          seat: b.seat,
          assignee: b.assignee,
          claimedBy: b.claimedBy,
          dueAt: b.dueAt,
          overdue: b.overdue,
        })),
      );
    },
  });
}

function WaitingOn() {
  const { t } = useTranslation();
  const [stage, setStage] = useState('');
  const [country, setCountry] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const waiting = useWaitingRows({
    stage,
    country: /^[A-Za-z]{2}$/.test(country) ? country : '',
    overdue: overdueOnly,
  });
  const { isPending, error } = waiting;
  const [moving, setMoving] = useState<WaitingRow | undefined>();
  const [reassigning, setReassigning] = useState<WaitingRow | undefined>();
  const shown = [...(waiting.data ?? [])].sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'));
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
          {[...STAGES, 'REVISION'].map((s) => (
            <SelectItem key={s} value={s} text={t(`status.${s}`)} />
          ))}
        </Select>
        <TextInput
          id="waiting-country"
          labelText={t('admin.countryFilter')}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
        />
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
                  <TableRow key={r.key}>
                    <TableCell>
                      <RouterLink to={`/plans/${r.planId}`}>{r.planTitle}</RouterLink>
                    </TableCell>
                    <TableCell>{r.stage ? t(`stage.${r.stage}`) : '—'}</TableCell>
                    <TableCell>{r.taskType ? t(`taskType.${r.taskType}`) : t(`admin.blocker.${r.kind}`)}</TableCell>
                    <TableCell>
                      {r.assignee ??
                        [r.role && t(`roles.${r.role}`), r.country, r.body, r.seat].filter(Boolean).join(' · ')}
                      {r.claimedBy && ` (${t('admin.claimedBy', { who: r.claimedBy })})`}
                    </TableCell>
                    <TableCell>{r.dueAt ? <TimeLeft dueAt={r.dueAt} /> : '—'}</TableCell>
                    <TableCell>
                      {r.taskId && (
                        <>
                          <Button kind="ghost" size="sm" onClick={() => setMoving(r)}>
                            {t('admin.moveDeadline')}
                          </Button>
                          <Button kind="ghost" size="sm" onClick={() => setReassigning(r)}>
                            {t('admin.reassign')}
                          </Button>
                        </>
                      )}
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
function laterLocal(iso: string | null): string {
  const d = new Date(Math.max(iso ? new Date(iso).getTime() : 0, Date.now()) + 3_600_000);
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
          params: { path: { id: row.taskId! } },
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
    () => data(api.POST('/api/tasks/{id}/reassign', { params: { path: { id: row.taskId! } }, body: { assignee } })),
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

const WEBHOOK_EVENTS = [
  'TASK_CREATED',
  'TASK_REMINDER',
  'TASK_OVERDUE',
  'ESCALATED',
  'TASK_REASSIGNED',
  'DEADLINE_EXTENDED',
  'STAGE_ENTERED',
  'REVISION_REQUESTED',
  'PLAN_ENDORSED',
  'PLAN_REJECTED',
  'PLAN_WITHDRAWN',
  'PLAN_CANCELLED',
  'COMMENT_DISPOSED',
] as const;

function Webhooks() {
  const { t } = useTranslation();
  const format = useFormat();
  const hooks = useQuery({ queryKey: ['admin', 'webhooks'], queryFn: () => data(api.GET('/api/admin/webhooks')) });
  const failed = useQuery({
    queryKey: ['admin', 'notifications', 'failed'],
    queryFn: () => data(api.GET('/api/admin/notifications/failed')),
  });
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | undefined>();
  const add = useRefreshingMutation(() =>
    data(api.POST('/api/admin/webhooks', { body: { url, events: [...WEBHOOK_EVENTS] } })),
  );
  const remove = useRefreshingMutation((id: string) =>
    data(api.DELETE('/api/admin/webhooks/{id}', { params: { path: { id } } })),
  );
  const urlError = isApiError(add.error, 400) ? (add.error.fieldMessage('url') ?? add.error.message) : undefined;
  return (
    <section aria-labelledby="webhooks-title" className="aoc-section">
      <h2 id="webhooks-title">{t('admin.webhooks')}</h2>
      {hooks.isPending ? (
        <Loading />
      ) : hooks.error ? (
        <ErrorNotice error={hooks.error} />
      ) : (
        <ul className="aoc-bullets" data-testid="webhooks">
          {hooks.data.length === 0 && <li>{t('admin.noWebhooks')}</li>}
          {hooks.data.map((h) => (
            <li key={h.id}>
              <code>{h.url}</code> · {t('admin.webhookEvents', { count: h.events.length })} ·{' '}
              {format.dateTime(h.createdAt)}{' '}
              <Button kind="ghost" size="sm" onClick={() => remove.mutate(h.id)}>
                {t('admin.removeWebhook', { url: h.url })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        noValidate
        aria-labelledby="webhooks-title"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined, {
            onSuccess: (created) => {
              setUrl('');
              setSecret((created as { secret?: string }).secret);
            },
          });
        }}
      >
        <div className="aoc-row">
          <TextInput
            id="webhook-url"
            type="url"
            labelText={t('admin.webhookUrl')}
            value={url}
            invalid={Boolean(urlError)}
            invalidText={urlError}
            onChange={(e) => setUrl(e.target.value)}
          />
          <Button type="submit" size="md">
            {t('admin.addWebhook')}
          </Button>
        </div>
        {add.error && !isApiError(add.error, 400) && <ErrorNotice error={add.error} />}
        {secret && (
          <InlineNotification
            kind="info"
            lowContrast
            title={t('admin.webhookSecret')}
            subtitle={secret}
            hideCloseButton
          />
        )}
      </Form>
      <h3>{t('admin.failedNotifications')}</h3>
      {failed.isPending ? (
        <Loading />
      ) : failed.error ? (
        <ErrorNotice error={failed.error} />
      ) : failed.data.items.length === 0 ? (
        <p>{t('admin.noFailed')}</p>
      ) : (
        <ul className="aoc-bullets" data-testid="failed-notifications">
          {failed.data.items.map((n) => (
            <li key={n.id}>
              {format.dateTime(n.updatedAt)} · {t(`admin.channel.${n.channel}`)} · {n.address} ·{' '}
              {t(`event.${n.eventType}`)} · {t('admin.attempts', { count: n.attempts })}
              {n.lastError ? ` · ${n.lastError}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
