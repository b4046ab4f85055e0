import { Tag } from '@carbon/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment } from '../api/client';
import { useOrganizations } from '../api/registry';
import { useFormat } from './format';

/**
 * Who reads a comment. A reviewer (the plan page) sees who wrote it, on which version, whether it
 * is stale, and for a hidden one that it is hidden and why. Its author (the civil society page)
 * sees when they wrote it and about what.
 */
export type CommentView = 'reviewer' | 'author';

/** One comment: what it is about, its text, and how the submitter disposed of it; `action` after. */
export function CommentItem({ comment: c, view, action }: { comment: Comment; view: CommentView; action?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  // The organization is a registry id: shown by its name once the registry's list has loaded.
  const organizations = useOrganizations();
  const org = organizations.data?.find((o) => o.id === c.org)?.name ?? c.org;
  const about = c.field ? t(`field.${c.field}`) : t('comments.wholePlan');
  const tag = (type: 'warm-gray' | 'red', text: string) => (
    <Tag type={type} size="sm">
      {text}
    </Tag>
  );
  return (
    <li className="aoc-comment">
      {view === 'reviewer' ? (
        <p className="aoc-meta">
          {t('comments.by', { org, author: c.author, at: format.dateTime(c.postedAt) })} · {about} ·{' '}
          {t('plan.versionN', { number: c.version.number })} {c.stale && tag('warm-gray', t('common.stale'))}
          {c.hidden && tag('red', t('comments.hidden'))}
        </p>
      ) : (
        <p className="aoc-meta">
          {format.dateTime(c.postedAt)} · {about} {c.hidden && tag('red', t('comments.hidden'))}
        </p>
      )}
      {c.text !== null ? <blockquote>{c.text}</blockquote> : view === 'reviewer' && <p>{t('comments.hiddenText')}</p>}
      {view === 'reviewer' && c.hidden && c.hiddenReason && (
        <p>{t('comments.hiddenReason', { reason: c.hiddenReason })}</p>
      )}
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
      {action}
    </li>
  );
}

/** Comments in the order given, each with what `action` offers on it. */
export function CommentList({
  comments,
  view,
  action,
}: {
  comments: Comment[];
  view: CommentView;
  action?: (comment: Comment) => ReactNode;
}) {
  return (
    <ul className="aoc-comments">
      {comments.map((c) => (
        <CommentItem key={c.id} comment={c} view={view} action={action?.(c)} />
      ))}
    </ul>
  );
}
