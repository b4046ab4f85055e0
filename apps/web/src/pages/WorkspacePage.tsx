import { Button, Link, TableToolbar, TableToolbarContent, Tag } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePlans } from '../api/queries';
import { useMe } from '../api/session';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';
import { ListTable } from '../components/ListTable';

/** The submitter's workspace: my plans, and a new draft. */
export default function WorkspacePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const plans = usePlans();
  const go = (path: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    void navigate(path);
  };
  const mine = (plans.data?.items ?? []).filter((p) => p.createdBy === me?.sub);
  return (
    <section aria-labelledby="workspace-title">
      <h1 id="workspace-title">{t('workspace.title')}</h1>
      {plans.isPending ? (
        <Loading />
      ) : plans.error ? (
        <ErrorNotice error={plans.error} />
      ) : (
        <ListTable
          title={t('workspace.myPlans')}
          testId="my-plans"
          toolbar={
            <TableToolbar aria-label={t('workspace.toolbar')}>
              <TableToolbarContent>
                <Button size="md" href="/workspace/new" onClick={go('/workspace/new')}>
                  {t('workspace.new')}
                </Button>
              </TableToolbarContent>
            </TableToolbar>
          }
          rows={mine}
          rowKey={(p) => p.id}
          empty={t('workspace.none')}
          columns={[
            {
              key: 'title',
              header: t('content.title'),
              cell: (p) => (
                <Link href={`/plans/${p.id}`} onClick={go(`/plans/${p.id}`)}>
                  {p.title || t('workspace.untitled')}
                </Link>
              ),
            },
            { key: 'kind', header: t('content.kind'), cell: (p) => t(`kind.${p.kind}`) },
            {
              key: 'status',
              header: t('plan.status'),
              cell: (p) => (
                <Tag type={p.status === 'REVISION' ? 'purple' : p.status === 'DRAFT' ? 'gray' : 'blue'}>
                  {t(`status.${p.status}`)}
                </Tag>
              ),
            },
            { key: 'version', header: t('workspace.version'), cell: (p) => p.latestVersion || '—' },
            { key: 'updated', header: t('workspace.updated'), cell: (p) => format.dateTime(p.updatedAt) },
            {
              key: 'actions',
              header: t('workspace.actions'),
              cell: (p) => (
                <Link href={`/workspace/${p.id}`} onClick={go(`/workspace/${p.id}`)}>
                  {p.status === 'DRAFT' || p.status === 'REVISION'
                    ? t('workspace.edit', { title: p.title })
                    : t('workspace.manage', { title: p.title })}
                </Link>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
