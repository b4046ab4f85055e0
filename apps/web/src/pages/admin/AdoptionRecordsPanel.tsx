import { Button, Link } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useAdoptionRecords } from '../../api/queries';
import { Loaded } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';
import { ListTable } from '../../components/ListTable';
import { Section } from '../../components/Section';

/** A key id shortened for the table: its first 12 characters (the whole in a title). */
const shortKey = (keyId: string): string => (keyId.length > 14 ? `${keyId.slice(0, 12)}…` : keyId);

/**
 * The adoption records issued (DOMAIN §10), newest first, for admins: each record's public page,
 * its plan, version, issue time, size and signing key; more by the API's cursor.
 */
export function AdoptionRecordsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const records = useAdoptionRecords();
  return (
    <Section id="records-title" title={t('records.title')}>
      <Loaded query={records}>
        {({ pages }) => (
          <>
            <ListTable
              labelledBy="records-title"
              testId="adoption-records"
              rows={pages.flatMap((p) => p.items)}
              rowKey={(r) => r.id}
              empty={t('records.none')}
              columns={[
                {
                  key: 'id',
                  header: t('records.col.id'),
                  cell: (r) => (
                    <Link href={`/public/records/${r.id}`}>
                      <code>{r.id}</code>
                    </Link>
                  ),
                },
                {
                  key: 'plan',
                  header: t('records.col.plan'),
                  cell: (r) => <RouterLink to={`/plans/${r.planId}`}>{r.title}</RouterLink>,
                },
                {
                  key: 'version',
                  header: t('records.col.version'),
                  cell: (r) => (
                    <>
                      {t('records.version', { number: r.versionNumber })}{' '}
                      <code title={r.versionHash}>{r.versionHash.slice(0, 12)}</code>
                    </>
                  ),
                },
                {
                  key: 'issuedAt',
                  header: t('records.col.issuedAt'),
                  cell: (r) => <time dateTime={r.issuedAt}>{format.dateTime(r.issuedAt)}</time>,
                },
                {
                  key: 'size',
                  header: t('records.col.size'),
                  cell: (r) => (
                    <>
                      {t('records.size', { size: format.number(Math.max(1, Math.round(r.pdfBytes / 1024))) })}
                      {r.languages.length > 0 && ` · ${r.languages.map((l) => l.toUpperCase()).join(', ')}`}
                    </>
                  ),
                },
                {
                  key: 'key',
                  header: t('records.col.key'),
                  cell: (r) => (
                    <>
                      <span className="cds--visually-hidden">{t('records.keyFull', { key: r.keyId })}</span>
                      <code title={r.keyId} aria-hidden="true">
                        {shortKey(r.keyId)}
                      </code>
                    </>
                  ),
                },
              ]}
            />
            {records.hasNextPage && (
              <Button
                kind="tertiary"
                size="sm"
                disabled={records.isFetchingNextPage}
                onClick={() => void records.fetchNextPage()}
              >
                {records.isFetchingNextPage ? t('common.loading') : t('records.more')}
              </Button>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}
