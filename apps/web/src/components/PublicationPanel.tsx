import { Link } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../api/client';
import { PUBLIC_STATUSES, usePublicPlan } from '../api/queries';
import { ErrorNotice, Loading } from './ErrorNotice';
import { useFormat } from './format';

/**
 * Where a plan stands in the public library (DOMAIN §10): its public page once it is public
 * (open for civil society comment, or endorsed), and its adoption record (page and PDF) once the
 * worker has issued it. Nothing for a plan the library does not show.
 */
export function PublicationPanel({ plan }: { plan: Pick<Plan, 'id' | 'status'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const published = usePublicPlan(plan.id, plan.status);
  if (!PUBLIC_STATUSES.includes(plan.status)) return null;
  const record = published.data?.record;
  return (
    <section aria-labelledby="publication-title" className="aoc-section" data-testid="publication">
      <h2 id="publication-title">{t('publication.title')}</h2>
      {published.isPending ? (
        <Loading />
      ) : published.error ? (
        <ErrorNotice error={published.error} />
      ) : published.data === null ? (
        <p>{t('publication.notYet')}</p>
      ) : (
        <>
          <p>{plan.status === 'ENDORSED' ? t('publication.endorsed') : t('publication.underComment')}</p>
          <ul className="aoc-bullets">
            <li>
              <Link href={published.data.url}>{t('publication.publicPage')}</Link>
            </li>
            {record && (
              <>
                <li>
                  <Link href={record.url}>{t('publication.recordPage', { id: record.id })}</Link>{' '}
                  <span className="aoc-muted">{t('publication.issued', { at: format.dateTime(record.issuedAt) })}</span>
                </li>
                <li>
                  <Link href={record.pdf} download={`${record.id}.pdf`} type="application/pdf">
                    {t('publication.recordPdf', { id: record.id })}
                  </Link>
                </li>
              </>
            )}
          </ul>
          {plan.status === 'ENDORSED' && !record && (
            <p role="status" className="aoc-muted">
              {t('publication.issuing')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
