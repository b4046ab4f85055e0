import {
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableToolbar,
  TableToolbarContent,
  Tag,
} from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePlans } from '../api/queries';
import { useMe } from '../api/session';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';

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
        <TableContainer title={t('workspace.myPlans')}>
          <TableToolbar aria-label={t('workspace.toolbar')}>
            <TableToolbarContent>
              <Button size="md" href="/workspace/new" onClick={go('/workspace/new')}>
                {t('workspace.new')}
              </Button>
            </TableToolbarContent>
          </TableToolbar>
          <Table size="md" aria-label={t('workspace.myPlans')} data-testid="my-plans">
            <TableHead>
              <TableRow>
                <TableHeader>{t('content.title')}</TableHeader>
                <TableHeader>{t('content.kind')}</TableHeader>
                <TableHeader>{t('plan.status')}</TableHeader>
                <TableHeader>{t('workspace.version')}</TableHeader>
                <TableHeader>{t('workspace.updated')}</TableHeader>
                <TableHeader>{t('workspace.actions')}</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {mine.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={6}>{t('workspace.none')}</TableCell>
                </TableRow>
              ) : (
                mine.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell>
                      <Link href={`/plans/${p.id}`} onClick={go(`/plans/${p.id}`)}>
                        {p.title || t('workspace.untitled')}
                      </Link>
                    </TableCell>
                    <TableCell>{t(`kind.${p.kind}`)}</TableCell>
                    <TableCell>
                      <Tag type={p.status === 'REVISION' ? 'purple' : p.status === 'DRAFT' ? 'gray' : 'blue'}>
                        {t(`status.${p.status}`)}
                      </Tag>
                    </TableCell>
                    <TableCell>{p.latestVersion || '—'}</TableCell>
                    <TableCell>{format.dateTime(p.updatedAt)}</TableCell>
                    <TableCell>
                      <Link href={`/workspace/${p.id}`} onClick={go(`/workspace/${p.id}`)}>
                        {p.status === 'DRAFT' || p.status === 'REVISION'
                          ? t('workspace.edit', { title: p.title })
                          : t('workspace.manage', { title: p.title })}
                      </Link>
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </section>
  );
}
