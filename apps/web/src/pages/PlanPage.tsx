import {
  Button,
  Link,
  Modal,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  TextArea,
} from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, data, type Blocker, type Comment, type PlanContent, type PlanEvent } from '../api/client';
import { useComments, usePlan, useRefreshingMutation, useTimeline, useVersions, useWaitingOn } from '../api/queries';
import { hasRole, useMe } from '../api/session';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { shortHash, useFormat } from '../components/format';
import { PlanContentView } from '../components/PlanContentView';
import { PublicationPanel } from '../components/PublicationPanel';
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

      <section aria-labelledby="waiting-title" className="aoc-section">
        <h2 id="waiting-title">{t('plan.waitingOn')}</h2>
        {waiting.isPending ? (
          <Loading />
        ) : waiting.error ? (
          <ErrorNotice error={waiting.error} />
        ) : (
          <WaitingOn blockers={waiting.data.blockers} />
        )}
      </section>

      <section aria-labelledby="content-title" className="aoc-section">
        <h2 id="content-title">
          {latest ? t('plan.contentOfVersion', { number: latest.number }) : t('plan.draftContent')}
          {latest && (
            <code className="aoc-hash" title={latest.hash}>
              {' '}
              {t('common.hash', { hash: shortHash(latest.hash) })}
            </code>
          )}
        </h2>
        {content ? <PlanContentView content={content} /> : <p>{t('plan.noContent')}</p>}
      </section>

      <section aria-labelledby="versions-title" className="aoc-section">
        <h2 id="versions-title">{t('plan.versions')}</h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.error ? (
          <ErrorNotice error={versions.error} />
        ) : versions.data.length === 0 ? (
          <p>{t('plan.noVersions')}</p>
        ) : (
          <>
            <ul className="aoc-bullets">
              {versions.data.map((v) => (
                <li key={v.number}>
                  {t('plan.versionLine', { number: v.number, who: v.createdBy, at: format.dateTime(v.createdAt) })}{' '}
                  <code title={v.hash}>{shortHash(v.hash)}</code>{' '}
                  {v.current && <Tag type="blue">{t('plan.current')}</Tag>}
                </li>
              ))}
            </ul>
            <h3>{t('diff.heading')}</h3>
            <VersionDiff planId={id} versions={versions.data} />
          </>
        )}
      </section>

      <section aria-labelledby="comments-title" className="aoc-section">
        <h2 id="comments-title">{t('plan.comments')}</h2>
        {comments.isPending ? (
          <Loading />
        ) : comments.error ? (
          <ErrorNotice error={comments.error} />
        ) : (
          <CommentList
            comments={comments.data}
            planId={id}
            canHide={hasRole(me, 'secretariat') && p.createdBy !== me?.sub}
          />
        )}
      </section>

      <section aria-labelledby="timeline-title" className="aoc-section">
        <h2 id="timeline-title">{t('plan.timeline')}</h2>
        {timeline.isPending ? (
          <Loading />
        ) : timeline.error ? (
          <ErrorNotice error={timeline.error} />
        ) : (
          <Timeline events={timeline.data} />
        )}
      </section>
    </article>
  );
}

function WaitingOn({ blockers }: { blockers: Blocker[] }) {
  const { t } = useTranslation();
  if (blockers.length === 0) return <p>{t('plan.waitingOnNobody')}</p>;
  return (
    <TableContainer>
      <Table size="sm" aria-labelledby="waiting-title" data-testid="plan-waiting-on">
        <TableHead>
          <TableRow>
            <TableHeader>{t('inbox.col.type')}</TableHeader>
            <TableHeader>{t('plan.who')}</TableHeader>
            <TableHeader>{t('inbox.col.timeLeft')}</TableHeader>
            <TableHeader>{t('inbox.col.claimedBy')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {blockers.map((b) => (
            <TableRow key={b.taskId ?? b.kind}>
              <TableCell>{b.taskType ? t(`taskType.${b.taskType}`) : t(`admin.blocker.${b.kind}`)}</TableCell>
              <TableCell>
                {b.assignee ?? [t(`roles.${b.candidateRole}`), b.country, b.body, b.seat].filter(Boolean).join(' · ')}
              </TableCell>
              <TableCell>{b.dueAt ? <TimeLeft dueAt={b.dueAt} /> : '—'}</TableCell>
              <TableCell>{b.claimedBy ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
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

export function CommentList({ comments, planId, canHide }: { comments: Comment[]; planId: string; canHide: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
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
      <ul className="aoc-comments">
        {comments.map((c) => (
          <li key={c.id} className="aoc-comment">
            <p className="aoc-meta">
              {t('comments.by', { org: c.org, author: c.author, at: format.dateTime(c.postedAt) })} ·{' '}
              {c.field ? t(`field.${c.field}`) : t('comments.wholePlan')} ·{' '}
              {t('plan.versionN', { number: c.version.number })}{' '}
              {c.stale && (
                <Tag type="warm-gray" size="sm">
                  {t('common.stale')}
                </Tag>
              )}
              {c.hidden && (
                <Tag type="red" size="sm">
                  {t('comments.hidden')}
                </Tag>
              )}
            </p>
            {c.text !== null ? <blockquote>{c.text}</blockquote> : <p>{t('comments.hiddenText')}</p>}
            {c.hidden && c.hiddenReason && <p>{t('comments.hiddenReason', { reason: c.hiddenReason })}</p>}
            {c.disposition ? (
              <p>
                <Tag type="teal" size="sm">
                  {t(`disposition.${c.disposition.disposition}`)}
                </Tag>{' '}
                {c.disposition.response}
              </p>
            ) : (
              <p className="aoc-muted">{t('comments.noDisposition')}</p>
            )}
            {canHide && !c.hidden && (
              <Button kind="ghost" size="sm" onClick={() => openHiding(c)}>
                {t('comments.hide')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {hiding && (
        <Modal
          open
          modalHeading={t('comments.hideTitle')}
          primaryButtonText={t('comments.hide')}
          secondaryButtonText={t('common.cancel')}
          onRequestClose={() => openHiding(undefined)}
          onRequestSubmit={() => {
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
            invalid={Boolean(reasonError)}
            invalidText={reasonError}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setReasonError('');
            }}
          />
          {hide.error && <ErrorNotice error={hide.error} />}
        </Modal>
      )}
    </>
  );
}
