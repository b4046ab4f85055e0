import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Plan, Task } from '../api/client';
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
    <TableContainer title={title} className="aoc-table">
      <Table size="md" aria-label={title} data-testid={testId}>
        <TableHead>
          <TableRow>
            <TableHeader>{t('inbox.col.plan')}</TableHeader>
            <TableHeader>{t('inbox.col.stage')}</TableHeader>
            <TableHeader>{t('inbox.col.type')}</TableHeader>
            <TableHeader>{t('inbox.col.country')}</TableHeader>
            <TableHeader>{t('inbox.col.bodyOrSeat')}</TableHeader>
            <TableHeader>{t('inbox.col.timeLeft')}</TableHeader>
            <TableHeader>{t('inbox.col.claimedBy')}</TableHeader>
            <TableHeader>{t('inbox.col.open')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {tasks.length === 0 ? (
            <TableRow>
              <TableCell colSpan={8}>{empty}</TableCell>
            </TableRow>
          ) : (
            tasks.map((task) => {
              const plan = plans.get(task.planId);
              return (
                <TableRow key={task.id} data-testid="task-row">
                  <TableCell>
                    <Link href={`/plans/${task.planId}`} onClick={go(`/plans/${task.planId}`)}>
                      {plan?.title ?? t('inbox.planShort', { id: task.planId.slice(0, 8) })}
                    </Link>
                  </TableCell>
                  <TableCell>{t(`stage.${task.stage}`)}</TableCell>
                  <TableCell>{t(`taskType.${task.type}`)}</TableCell>
                  <TableCell>{countryOf(task, plan)}</TableCell>
                  <TableCell>
                    {task.candidate.body
                      ? t('inbox.body', { body: task.candidate.body })
                      : task.candidate.seat
                        ? t('inbox.seat', { seat: task.candidate.seat })
                        : '—'}
                  </TableCell>
                  <TableCell>
                    {task.status === 'open' ? <TimeLeft dueAt={task.dueAt} /> : t(`taskStatus.${task.status}`)}
                  </TableCell>
                  <TableCell>{task.claimedBy ?? task.assignee ?? t('inbox.unclaimed')}</TableCell>
                  <TableCell>
                    <Link href={`/tasks/${task.id}`} onClick={go(`/tasks/${task.id}`)}>
                      {t('inbox.openTask', { type: t(`taskType.${task.type}`) })}
                    </Link>
                  </TableCell>
                </TableRow>
              );
            })
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
