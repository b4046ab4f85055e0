import { ProgressIndicator, ProgressStep, Tag } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import type { PlanEvent } from '../api/client';
import { STAGES, type Stage } from './domain';

/** The stage a plan last entered, from its timeline (where a side state left it). */
export function lastStage(events: PlanEvent[] | undefined): Stage | undefined {
  const entered = (events ?? []).filter((e) => e.type === 'STAGE_ENTERED');
  const stage: unknown = entered.at(-1)?.payload?.stage;
  return STAGES.find((s) => s === stage);
}

const SIDE_TAG: Record<string, 'red' | 'magenta' | 'green' | 'gray' | 'purple' | 'warm-gray'> = {
  REVISION: 'purple',
  ENDORSED: 'green',
  REJECTED: 'red',
  WITHDRAWN: 'warm-gray',
  CANCELLED: 'gray',
  DRAFT: 'gray',
};

/**
 * The four stages as a Carbon progress indicator, with the side states: a revision marks the
 * stage it returns to, an ending marks the stage it ended in.
 */
export function StageProgress({
  status,
  returnTo,
  events,
}: {
  status: string;
  returnTo: string | null;
  events?: PlanEvent[];
}) {
  const { t } = useTranslation();
  const inStage = STAGES.indexOf(status as Stage);
  const sideStage =
    status === 'REVISION'
      ? ((returnTo as Stage | null) ?? lastStage(events))
      : status === 'DRAFT'
        ? undefined
        : lastStage(events);
  const current =
    inStage >= 0 ? inStage : status === 'ENDORSED' ? STAGES.length : sideStage ? STAGES.indexOf(sideStage) : -1;
  const ended = ['REJECTED', 'WITHDRAWN', 'CANCELLED'].includes(status);
  return (
    <div className="aoc-stage-progress">
      <p>
        {t('plan.status')}: <Tag type={SIDE_TAG[status] ?? 'blue'}>{t(`status.${status}`)}</Tag>
      </p>
      <ProgressIndicator currentIndex={Math.max(0, Math.min(current, STAGES.length - 1))} spaceEqually>
        {STAGES.map((stage, index) => {
          const isHere = index === current;
          const secondary =
            isHere && status === 'REVISION'
              ? t('stage.inRevision')
              : isHere && ended
                ? t(`status.${status}`)
                : index < current || status === 'ENDORSED'
                  ? t('stage.done')
                  : isHere
                    ? t('stage.current')
                    : t('stage.notYet');
          return (
            <ProgressStep
              key={stage}
              label={t(`stage.${stage}`)}
              secondaryLabel={secondary}
              complete={index < current || status === 'ENDORSED'}
              current={isHere && status !== 'ENDORSED'}
              invalid={isHere && (ended || status === 'REVISION')}
              description={secondary}
            />
          );
        })}
      </ProgressIndicator>
    </div>
  );
}
