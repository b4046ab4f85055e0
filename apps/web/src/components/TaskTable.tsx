import { Link } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Plan, Task } from '../api/client';
import { ListTable } from './ListTable';
import { TimeLeft } from './TimeLeft';

/** A task's country: its candidate's, else the plan's. */
export const countryOf = (task: Task, plan?: Plan): string =>
  task.candidate.country ?? (plan?.countries.length ? plan.countries.join(', ') : '—');

/** An inbox table: plan, stage, task type, country, body or seat, time left, claimed by. */
export function TaskTable({
  title,
  tasks,
  plans,
  empty,
  testId,
}: {
  title: string;
  tasks: Task[];
  plans: Map<string, Plan>;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const go = (path: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    void navigate(path);
  };
  return (
    <ListTable
      title={title}
      testId={testId}
      rowTestId="task-row"
      rows={tasks}
      rowKey={(task) => task.id}
      empty={empty}
      columns={[
        {
          key: 'plan',
          header: t('inbox.col.plan'),
          cell: (task) => (
            <Link href={`/plans/${task.planId}`} onClick={go(`/plans/${task.planId}`)}>
              {plans.get(task.planId)?.title ?? t('inbox.planShort', { id: task.planId.slice(0, 8) })}
            </Link>
          ),
        },
        { key: 'stage', header: t('inbox.col.stage'), cell: (task) => t(`stage.${task.stage}`) },
        { key: 'type', header: t('inbox.col.type'), cell: (task) => t(`taskType.${task.type}`) },
        { key: 'country', header: t('inbox.col.country'), cell: (task) => countryOf(task, plans.get(task.planId)) },
        {
          key: 'bodyOrSeat',
          header: t('inbox.col.bodyOrSeat'),
          cell: (task) =>
            task.candidate.body
              ? t('inbox.body', { body: task.candidate.body })
              : task.candidate.seat
                ? t('inbox.seat', { seat: task.candidate.seat })
                : '—',
        },
        {
          key: 'timeLeft',
          header: t('inbox.col.timeLeft'),
          cell: (task) => (task.status === 'open' ? <TimeLeft dueAt={task.dueAt} /> : t(`taskStatus.${task.status}`)),
        },
        {
          key: 'claimedBy',
          header: t('inbox.col.claimedBy'),
          cell: (task) => task.claimedBy ?? task.assignee ?? t('inbox.unclaimed'),
        },
        {
          key: 'open',
          header: t('inbox.col.open'),
          cell: (task) => (
            <Link href={`/tasks/${task.id}`} onClick={go(`/tasks/${task.id}`)}>
              {t('inbox.openTask', { type: t(`taskType.${task.type}`) })}
            </Link>
          ),
        },
      ]}
    />
  );
}
