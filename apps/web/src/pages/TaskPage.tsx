import { Button, ButtonSet, InlineNotification, Tag, Tile } from '@carbon/react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, data, isApiError, type Task } from '../api/client';
import { useRefreshingMutation, useTask, useVersions } from '../api/queries';
import { useMe } from '../api/session';
import { BackLink } from '../components/BackLink';
import { ErrorNotice, Loaded, Loading } from '../components/ErrorNotice';
import { shortHash, useFormat } from '../components/format';
import { PlanContentView } from '../components/PlanContentView';
import { Section } from '../components/Section';
import { TimeLeft } from '../components/TimeLeft';
import { DecisionForm } from './task/DecisionForm';

/** One task: the frozen version it is about, claim and unclaim, and the decision form of its type. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const task = useTask(id);
  const versions = useVersions(task.data?.planId);
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [decided, setDecided] = useState(false);
  const { data: me } = useMe();

  const claim = useRefreshingMutation(
    (action: 'claim' | 'unclaim') =>
      data(
        action === 'claim'
          ? api.POST('/api/tasks/{id}/claim', { params: { path: { id } } })
          : api.POST('/api/tasks/{id}/unclaim', { params: { path: { id } } }),
      ),
    task.data?.planId,
  );
  const onConflict = () => {
    setConflict(true);
    void queryClient.invalidateQueries({ queryKey: ['task', id] });
  };

  if (task.isPending) return <Loading />;
  if (task.error) return <ErrorNotice error={task.error} />;
  const tk = task.data;
  const claimedByMe = tk.claimedBy === me?.sub;
  const claimError = claim.error && !isApiError(claim.error, 409) ? claim.error : undefined;

  return (
    <section aria-labelledby="task-title">
      <BackLink to="/inbox">{t('task.backToInbox')}</BackLink>
      <h1 id="task-title">
        {t(`taskType.${tk.type}`)} — {t(`stage.${tk.stage}`)}
      </h1>
      {(conflict || isApiError(claim.error, 409)) && (
        <InlineNotification
          kind="warning"
          lowContrast
          role="alert"
          title={t('task.conflictTitle')}
          subtitle={t('task.conflict')}
          onClose={() => {
            setConflict(false);
            claim.reset();
            return false;
          }}
        />
      )}
      <Tile className="aoc-facts">
        <dl>
          <dt>{t('task.status')}</dt>
          <dd>
            <Tag type={tk.status === 'open' ? 'blue' : 'gray'}>{t(`taskStatus.${tk.status}`)}</Tag>
            {tk.stale && <Tag type="warm-gray">{t('common.stale')}</Tag>}
          </dd>
          <dt>{t('task.due')}</dt>
          <dd>
            {format.dateTime(tk.dueAt)} {tk.status === 'open' && <TimeLeft dueAt={tk.dueAt} />}
          </dd>
          <dt>{t('task.for')}</dt>
          <dd>{candidateText(tk, t)}</dd>
          <dt>{t('inbox.col.claimedBy')}</dt>
          <dd>{tk.claimedBy ?? tk.assignee ?? t('inbox.unclaimed')}</dd>
          <dt>{t('task.plan')}</dt>
          <dd>
            <RouterLink to={`/plans/${tk.planId}`}>{t('task.openPlan')}</RouterLink>
          </dd>
        </dl>
        {tk.status === 'open' && (
          <ButtonSet className="aoc-claim">
            {!tk.claimedBy && (
              <Button kind="secondary" size="md" disabled={claim.isPending} onClick={() => claim.mutate('claim')}>
                {t('task.claim')}
              </Button>
            )}
            {claimedByMe && (
              <Button kind="tertiary" size="md" disabled={claim.isPending} onClick={() => claim.mutate('unclaim')}>
                {t('task.unclaim')}
              </Button>
            )}
          </ButtonSet>
        )}
        {claimError && <ErrorNotice error={claimError} onClose={() => claim.reset()} />}
      </Tile>

      {decided && (
        <InlineNotification
          kind="success"
          lowContrast
          role="status"
          title={t('task.decided')}
          subtitle={t('task.decidedText')}
          hideCloseButton
        />
      )}
      {tk.status === 'open' && !decided ? (
        <DecisionForm task={tk} onConflict={onConflict} onDecided={() => setDecided(true)} />
      ) : (
        tk.outcome && (
          <Tile className="aoc-outcome">
            <h2>{t('task.outcome')}</h2>
            <p>
              <strong>{t(`decision.${tk.outcome.decision ?? 'none'}`)}</strong>{' '}
              {tk.outcome.completedBy &&
                t('task.decidedBy', { who: tk.outcome.completedBy, at: format.dateTime(tk.outcome.completedAt) })}
            </p>
            {tk.outcome.reason && <p>{t('task.reasonShown', { text: tk.outcome.reason })}</p>}
            {tk.outcome.comment && <p>{t('task.commentShown', { text: tk.outcome.comment })}</p>}
          </Tile>
        )
      )}

      <Section
        id="version-title"
        title={
          <>
            {t('task.version', { number: tk.version.number })}{' '}
            <code title={tk.version.hash} className="aoc-hash">
              {t('common.hash', { hash: shortHash(tk.version.hash) })}
            </code>
          </>
        }
      >
        <Loaded query={versions}>
          {(list) => {
            const version = list.find((v) => v.number === tk.version.number);
            return version ? <PlanContentView content={version.content as never} /> : <p>{t('task.versionMissing')}</p>;
          }}
        </Loaded>
      </Section>
    </section>
  );
}

function candidateText(task: Task, t: TFunction): string {
  const parts = [t(`roles.${task.candidate.role}`)];
  if (task.candidate.country) parts.push(`${t('scope.country')} ${task.candidate.country}`);
  if (task.candidate.body) parts.push(t('inbox.body', { body: task.candidate.body }));
  if (task.candidate.seat) parts.push(t('inbox.seat', { seat: task.candidate.seat }));
  if (task.assignee) parts.push(t('task.assignedTo', { who: task.assignee }));
  return parts.join(' · ');
}
