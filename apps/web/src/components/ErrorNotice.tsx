import { InlineNotification } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';

/** An error as the user should read it: the API's own message, under a title for its kind. */
export function ErrorNotice({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = isApiError(error) ? error.status : 0;
  const title =
    status === 409
      ? t('errors.conflict')
      : status === 403
        ? t('errors.forbidden')
        : status === 404
          ? t('errors.notFound')
          : status === 400
            ? t('errors.invalid')
            : status === 503
              ? t('errors.unavailable')
              : t('errors.generic');
  const message = error instanceof Error ? error.message : String(error);
  return (
    <InlineNotification
      kind="error"
      lowContrast
      title={title}
      subtitle={message}
      hideCloseButton={!onClose}
      onClose={() => {
        onClose?.();
        return false;
      }}
    />
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="aoc-loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * What a query shows: "Loading…" while it loads, the error if it failed, else what `children`
 * makes of its data.
 */
export function Loaded<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorNotice error={query.error} />;
  // Neither loading nor failed: the data is there.
  return children(query.data as T);
}
