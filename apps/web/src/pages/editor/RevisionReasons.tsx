import { Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import type { PlanEvent } from '../../api/client';
import { useTimeline } from '../../api/queries';
import { useFormat } from '../../components/format';

/** The events that asked for the revision now open: objections, the secretariat's request, broken silence. */
function revisionReasons(events: PlanEvent[]): PlanEvent[] {
  const request = events.filter((e) => e.type === 'REVISION_REQUESTED').at(-1);
  if (!request) return [];
  const version = request.version?.number;
  return events.filter(
    (e) =>
      e.version?.number === version &&
      ((e.type === 'TASK_COMPLETED' && ['object', 'request_revision'].includes(String(e.payload.decision))) ||
        e.type === 'SILENCE_BROKEN' ||
        (e.type === 'REVISION_REQUESTED' && typeof e.payload.reason === 'string')),
  );
}

/** Beside the editor of a plan in REVISION: what asked for the revision, and who. */
export function RevisionReasons({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeline = useTimeline(planId);
  const reasons = revisionReasons(timeline.data ?? []);
  return (
    <Tile className="aoc-revision" aria-labelledby="revision-title">
      <h2 id="revision-title">{t('editor.revisionAskedBy')}</h2>
      {reasons.length === 0 ? (
        <p>{t('editor.revisionNoReason')}</p>
      ) : (
        <ul className="aoc-bullets" data-testid="revision-reasons">
          {reasons.map((e) => (
            <li key={e.id}>
              <strong>{t(`event.${e.type}`)}</strong> · {e.actor === 'system' ? t('plan.system') : e.actor} ·{' '}
              {format.dateTime(e.at)}
              {typeof e.payload.decision === 'string' && ` · ${t(`decision.${e.payload.decision}`)}`}
              {typeof e.payload.reason === 'string' && `: “${e.payload.reason}”`}
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
