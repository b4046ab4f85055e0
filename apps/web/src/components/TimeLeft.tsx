import { Tag } from '@carbon/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** The current time, refreshed every `everyMs`: for countdowns. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Time left until a due date; past it, "overdue" in red and in words (never by colour alone). */
export function TimeLeft({ dueAt, everyMs }: { dueAt: string; everyMs?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(everyMs);
  const left = new Date(dueAt).getTime() - now;
  const title = format.dateTime(dueAt);
  if (left < 0) {
    return (
      <Tag type="red" size="sm" title={title} className="aoc-overdue">
        {t('time.overdue', { duration: format.duration(left) })}
      </Tag>
    );
  }
  return <span title={title}>{t('time.left', { duration: format.duration(left) })}</span>;
}
