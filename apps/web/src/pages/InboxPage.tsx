import { Select, SelectItem } from '@carbon/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, Task } from '../api/client';
import { useInbox, usePlans, type InboxFilters } from '../api/queries';
import { useMe } from '../api/session';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { Filters, OverdueFilter, StageFilter } from '../components/Filters';
import { TaskTable } from '../components/TaskTable';
import { useNow } from '../components/TimeLeft';

type Sort = 'due-asc' | 'due-desc';

/** Every reviewer's inbox: my tasks, and the tasks I may claim. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState<InboxFilters['status']>('open');
  const [stage, setStage] = useState<string>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<Sort>('due-asc');
  const now = useNow();
  const inbox = useInbox({
    status,
    ...(stage ? { stage: stage as Task['stage'] } : {}),
    page: 1,
    pageSize: 100,
  });
  const plans = usePlans();
  const planById = useMemo(() => new Map<string, Plan>((plans.data?.items ?? []).map((p) => [p.id, p])), [plans.data]);

  const tasks = useMemo(() => {
    const items = (inbox.data?.items ?? []).filter((task) => !overdueOnly || new Date(task.dueAt).getTime() < now);
    const direction = sort === 'due-asc' ? 1 : -1;
    return [...items].sort((a, b) => direction * (new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime()));
  }, [inbox.data, overdueOnly, sort, now]);
  const isMine = (task: Task) => task.assignee === me?.sub || task.claimedBy === me?.sub;
  const mine = tasks.filter(isMine);
  const claimable = tasks.filter((task) => !isMine(task));

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <Filters>
        <StageFilter id="filter-stage" value={stage} onChange={setStage} />
        <Select
          id="filter-status"
          labelText={t('inbox.filter.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as InboxFilters['status'])}
        >
          {(['open', 'completed', 'cancelled'] as const).map((s) => (
            <SelectItem key={s} value={s} text={t(`taskStatus.${s}`)} />
          ))}
        </Select>
        <Select
          id="sort"
          labelText={t('inbox.sort.label')}
          value={sort}
          onChange={(e) => setSort(e.target.value as Sort)}
        >
          <SelectItem value="due-asc" text={t('inbox.sort.dueAsc')} />
          <SelectItem value="due-desc" text={t('inbox.sort.dueDesc')} />
        </Select>
        <OverdueFilter id="filter-overdue" checked={overdueOnly} onChange={setOverdueOnly} />
      </Filters>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.error ? (
        <ErrorNotice error={inbox.error} />
      ) : (
        <>
          <p className="aoc-summary" role="status">
            {t('inbox.count', { count: tasks.length })}
          </p>
          <TaskTable
            title={t('inbox.mine')}
            tasks={mine}
            plans={planById}
            empty={t('inbox.noneMine')}
            testId="my-tasks"
          />
          <TaskTable
            title={t('inbox.claimable')}
            tasks={claimable}
            plans={planById}
            empty={t('inbox.noneClaimable')}
            testId="claimable-tasks"
          />
        </>
      )}
    </section>
  );
}
