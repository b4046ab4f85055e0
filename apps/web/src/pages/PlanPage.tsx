import { Button, Link, Tag, TextArea } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, data, type Blocker, type Comment, type PlanContent, type PlanEvent } from '../api/client';
import { useComments, usePlan, useRefreshingMutation, useTimeline, useVersions, useWaitingOn } from '../api/queries';
import { hasRole, useMe } from '../api/session';
import { ActionDialog } from '../components/ActionDialog';
import { CommentList } from '../components/CommentItem';
import { ErrorNotice, Loaded, Loading } from '../components/ErrorNotice';
import { invalidWith } from '../components/form';
import { shortHash, useFormat } from '../components/format';
import { ListTable } from '../components/ListTable';
import { PlanContentView } from '../components/PlanContentView';
import { PublicationPanel } from '../components/PublicationPanel';
import { Section } from '../components/Section';
import { StageProgress } from '../components/StageProgress';
import { TimeLeft } from '../components/TimeLeft';
import { VersionDiff } from '../components/VersionDiff';

/** A plan as its reviewers think of it: stage, content, versions and their diff, timeline, comments, who it waits on. */
export default function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const plan = usePlan(id);
  const versions = useVersions(id);
  const timeline = useTimeline(id);
  const comments = useComments(id);
  const waiting = useWaitingOn(id);

  if (plan.isPending) return <Loading />;
  if (plan.error) return <ErrorNotice error={plan.error} />;
  const p = plan.data;
  const latest = versions.data?.at(-1);
  const content = (latest?.content ?? p.draft) as PlanContent | undefined;

  return (
    <article aria-labelledby="plan-title">
      <h1 id="plan-title">{p.title}</h1>
      <p className="aoc-meta">
        {t(`kind.${p.kind}`)} · {p.countries.join(', ')} ·{' '}
        {t('plan.createdBy', { who: p.createdBy, at: format.dateTime(p.createdAt) })}
      </p>
      <StageProgress status={p.status} returnTo={p.returnTo} events={timeline.data} />
      {hasRole(me, 'admin') && p.temporalUiUrl && (
        <p>
          <Link href={p.temporalUiUrl} target="_blank" rel="noreferrer">
            {t('plan.temporalLink', { id: p.workflowId })}
          </Link>
        </p>
      )}

      <PublicationPanel plan={p} />

      <Section id="waiting-title" title={t('plan.waitingOn')}>
        <Loaded query={waiting}>{(w) => <WaitingOn blockers={w.blockers} />}</Loaded>
      </Section>

      <Section
        id="content-title"
        title={
          <>
            {latest ? t('plan.contentOfVersion', { number: latest.number }) : t('plan.draftContent')}
            {latest && (
              <code className="aoc-hash" title={latest.hash}>
                {' '}
                {t('common.hash', { hash: shortHash(latest.hash) })}
              </code>
            )}
          </>
        }
      >
        {content ? <PlanContentView content={content} /> : <p>{t('plan.noContent')}</p>}
      </Section>

      <Section id="versions-title" title={t('plan.versions')}>
        <Loaded query={versions}>
          {(list) =>
            list.length === 0 ? (
              <p>{t('plan.noVersions')}</p>
            ) : (
              <>
                <ul className="aoc-bullets">
                  {list.map((v) => (
                    <li key={v.number}>
                      {t('plan.versionLine', { number: v.number, who: v.createdBy, at: format.dateTime(v.createdAt) })}{' '}
                      <code title={v.hash}>{shortHash(v.hash)}</code>{' '}
                      {v.current && <Tag type="blue">{t('plan.current')}</Tag>}
                    </li>
                  ))}
                </ul>
                <h3>{t('diff.heading')}</h3>
                <VersionDiff planId={id} versions={list} />
              </>
            )
          }
        </Loaded>
      </Section>

      <Section id="comments-title" title={t('plan.comments')}>
        <Loaded query={comments}>
          {(list) => (
            <PlanComments comments={list} planId={id} canHide={hasRole(me, 'secretariat') && p.createdBy !== me?.sub} />
          )}
        </Loaded>
      </Section>

      <Section id="timeline-title" title={t('plan.timeline')}>
        <Loaded query={timeline}>{(events) => <Timeline events={events} />}</Loaded>
      </Section>
    </article>
  );
}

function WaitingOn({ blockers }: { blockers: Blocker[] }) {
  const { t } = useTranslation();
  if (blockers.length === 0) return <p>{t('plan.waitingOnNobody')}</p>;
  return (
    <ListTable
      size="sm"
      labelledBy="waiting-title"
      testId="plan-waiting-on"
      rows={blockers}
      rowKey={(b) => b.taskId ?? b.kind}
      columns={[
        {
          key: 'type',
          header: t('inbox.col.type'),
          cell: (b) => (b.taskType ? t(`taskType.${b.taskType}`) : t(`admin.blocker.${b.kind}`)),
        },
        {
          key: 'who',
          header: t('plan.who'),
          cell: (b) =>
            b.assignee ?? [t(`roles.${b.candidateRole}`), b.country, b.body, b.seat].filter(Boolean).join(' · '),
        },
        {
          key: 'timeLeft',
          header: t('inbox.col.timeLeft'),
          cell: (b) => (b.dueAt ? <TimeLeft dueAt={b.dueAt} /> : '—'),
        },
        { key: 'claimedBy', header: t('inbox.col.claimedBy'), cell: (b) => b.claimedBy ?? '—' },
      ]}
    />
  );
}

/** What an event says, in a line: its decision, stage or reason. */
function eventDetail(event: PlanEvent, t: (k: string) => string): string {
  const p = event.payload as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.stage === 'string') parts.push(t(`stage.${p.stage}`));
  if (typeof p.taskType === 'string') parts.push(t(`taskType.${p.taskType}`));
  if (typeof p.decision === 'string') parts.push(t(`decision.${p.decision}`));
  if (typeof p.returnTo === 'string') parts.push(`→ ${t(`stage.${p.returnTo}`)}`);
  if (typeof p.reason === 'string') parts.push(`“${p.reason}”`);
  if (typeof p.comment === 'string') parts.push(`“${p.comment}”`);
  // A consultation's revision request names each objecting body and its reason.
  if (Array.isArray(p.objections)) {
    for (const o of p.objections as { body?: string; reason?: string }[]) parts.push(`${o.body}: “${o.reason ?? ''}”`);
  }
  return parts.join(' · ');
}

export function Timeline({ events }: { events: PlanEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <p>{t('plan.noEvents')}</p>;
  return (
    <ol className="aoc-timeline" data-testid="timeline">
      {events.map((e) => (
        <li key={e.id} className={e.stale ? 'aoc-stale' : undefined}>
          <time dateTime={e.at}>{format.dateTime(e.at)}</time> <strong>{t(`event.${e.type}`)}</strong>
          {e.version && ` · ${t('plan.versionN', { number: e.version.number })}`} ·{' '}
          {e.actor === 'system' ? t('plan.system') : e.actor}
          {eventDetail(e, t) && ` · ${eventDetail(e, t)}`}{' '}
          {e.stale && (
            <Tag type="warm-gray" size="sm">
              {t('common.stale')}
            </Tag>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * The plan's comments as reviewers read them; the secretariat may hide one, giving a reason
 * (DOMAIN §4.2).
 */
function PlanComments({ comments, planId, canHide }: { comments: Comment[]; planId: string; canHide: boolean }) {
  const { t } = useTranslation();
  const [hiding, setHiding] = useState<Comment | undefined>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const hide = useRefreshingMutation(
    (vars: { id: string; reason: string }) =>
      data(api.POST('/api/comments/{id}/hide', { params: { path: { id: vars.id } }, body: { reason: vars.reason } })),
    planId,
  );
  // Each opening of the dialog starts clean: no reason, no error, no failed request carried over.
  const openHiding = (comment: Comment | undefined) => {
    setHiding(comment);
    setReason('');
    setReasonError('');
    hide.reset();
  };
  if (comments.length === 0) return <p>{t('comments.none')}</p>;
  return (
    <>
      <CommentList
        comments={comments}
        view="reviewer"
        action={(c) =>
          canHide &&
          !c.hidden && (
            <Button kind="ghost" size="sm" onClick={() => openHiding(c)}>
              {t('comments.hide')}
            </Button>
          )
        }
      />
      {hiding && (
        <ActionDialog
          heading={t('comments.hideTitle')}
          action={t('comments.hide')}
          onClose={() => openHiding(undefined)}
          onSubmit={() => {
            if (!reason.trim()) {
              setReasonError(t('form.required'));
              return;
            }
            hide.mutate({ id: hiding.id, reason }, { onSuccess: () => openHiding(undefined) });
          }}
        >
          <TextArea
            id="hide-reason"
            labelText={t('comments.hideReason')}
            value={reason}
            {...invalidWith(reasonError)}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonError('');
            }}
          />
          {hide.error && <ErrorNotice error={hide.error} />}
        </ActionDialog>
      )}
    </>
  );
}
