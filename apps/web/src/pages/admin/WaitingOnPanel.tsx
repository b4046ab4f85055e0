import { Button } from '@carbon/react';
import { TextInput } from '../../components/TextInput';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, data } from '../../api/client';
import { Loaded } from '../../components/ErrorNotice';
import { Filters, OverdueFilter, StageFilter } from '../../components/Filters';
import { ListTable } from '../../components/ListTable';
import { Section } from '../../components/Section';
import { TimeLeft } from '../../components/TimeLeft';
import { MoveDeadlineDialog } from './MoveDeadlineDialog';
import { ReassignDialog } from './ReassignDialog';
import type { WaitingRow } from './waiting-row';

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

/** Soonest due first; what has no due date last. */
const byDueDate = (rows: WaitingRow[]) => [...rows].sort((a, b) => (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~'));

/** What every plan waits on (DOMAIN §7), filtered; move a task's deadline or reassign it from here. */
export function WaitingOnPanel() {
  const { t } = useTranslation();
  const [stage, setStage] = useState('');
  const [country, setCountry] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const waiting = useWaitingRows({
    stage,
    country: /^[A-Za-z]{2}$/.test(country) ? country : '',
    overdue: overdueOnly,
  });
  const [moving, setMoving] = useState<WaitingRow | undefined>();
  const [reassigning, setReassigning] = useState<WaitingRow | undefined>();
  return (
    <Section id="waiting-title" title={t('admin.waitingOn')}>
      <Filters>
        <StageFilter id="waiting-stage" revision value={stage} onChange={setStage} />
        <TextInput
          id="waiting-country"
          labelText={t('admin.countryFilter')}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
        />
        <OverdueFilter id="waiting-overdue" checked={overdueOnly} onChange={setOverdueOnly} />
      </Filters>
      <Loaded query={waiting}>
        {(rows) => (
          <ListTable
            labelledBy="waiting-title"
            testId="waiting-on"
            rows={byDueDate(rows)}
            rowKey={(r) => r.key}
            empty={t('plan.waitingOnNobody')}
            columns={[
              {
                key: 'plan',
                header: t('inbox.col.plan'),
                cell: (r) => <RouterLink to={`/plans/${r.planId}`}>{r.planTitle}</RouterLink>,
              },
              { key: 'stage', header: t('inbox.col.stage'), cell: (r) => (r.stage ? t(`stage.${r.stage}`) : '—') },
              {
                key: 'type',
                header: t('inbox.col.type'),
                cell: (r) => (r.taskType ? t(`taskType.${r.taskType}`) : t(`admin.blocker.${r.kind}`)),
              },
              {
                key: 'who',
                header: t('plan.who'),
                cell: (r) => (
                  <>
                    {r.assignee ??
                      [r.role && t(`roles.${r.role}`), r.country, r.body, r.seat].filter(Boolean).join(' · ')}
                    {r.claimedBy && ` (${t('admin.claimedBy', { who: r.claimedBy })})`}
                  </>
                ),
              },
              {
                key: 'timeLeft',
                header: t('inbox.col.timeLeft'),
                cell: (r) => (r.dueAt ? <TimeLeft dueAt={r.dueAt} /> : '—'),
              },
              {
                key: 'actions',
                header: t('workspace.actions'),
                cell: (r) =>
                  r.taskId && (
                    <>
                      <Button kind="ghost" size="sm" onClick={() => setMoving(r)}>
                        {t('admin.moveDeadline')}
                      </Button>
                      <Button kind="ghost" size="sm" onClick={() => setReassigning(r)}>
                        {t('admin.reassign')}
                      </Button>
                    </>
                  ),
              },
            ]}
          />
        )}
      </Loaded>
      {moving && <MoveDeadlineDialog row={moving} onClose={() => setMoving(undefined)} />}
      {reassigning && <ReassignDialog row={reassigning} onClose={() => setReassigning(undefined)} />}
    </Section>
  );
}
