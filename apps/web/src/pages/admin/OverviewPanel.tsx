import { InlineNotification, Tile } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, data } from '../../api/client';
import { ErrorNotice, Loading } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';

export function OverviewPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const overview = useQuery({ queryKey: ['admin', 'overview'], queryFn: () => data(api.GET('/api/admin/overview')) });
  if (overview.isPending) return <Loading />;
  if (overview.error) return <ErrorNotice error={overview.error} />;
  const { byStatus, byStage, since, usersWithUnknownScope } = overview.data;
  const max = Math.max(1, ...byStage.map((s) => s.timeInStage.p90Ms ?? s.timeInStage.p50Ms ?? 0));
  return (
    <section aria-labelledby="overview-title" className="aoc-section">
      <h2 id="overview-title">{t('admin.overview')}</h2>
      {usersWithUnknownScope > 0 && (
        // DOMAIN §12: a user whose scope the registry doesn't know holds no task until an admin resolves it.
        <div className="aoc-section" data-testid="unknown-scope">
          {/* Carbon's notification takes no interactive child: the link follows it. */}
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={t('admin.unknownScope.title', { count: usersWithUnknownScope })}
          />
          <p>
            <RouterLink to="/admin/registry?tab=users&scopeUnknown=true">{t('admin.unknownScope.link')}</RouterLink>
          </p>
        </div>
      )}
      <ul className="aoc-figures" data-testid="figures">
        {byStatus
          .filter((s) => s.plans > 0)
          .map((s) => (
            <li key={s.status}>
              <Tile>
                <span className="aoc-figure">{format.number(s.plans)}</span>
                <span>{t(`status.${s.status}`)}</span>
              </Tile>
            </li>
          ))}
      </ul>
      <h3 id="stages-title">{t('admin.timeInStage')}</h3>
      <p className="aoc-muted">{t('admin.since', { at: format.dateTime(since) })}</p>
      <table className="aoc-bars" aria-labelledby="stages-title">
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.stage')}</th>
            <th scope="col">{t('admin.plansInStage')}</th>
            <th scope="col">{t('admin.openTasks')}</th>
            <th scope="col">{t('admin.overdueTasks')}</th>
            <th scope="col">{t('admin.medianTime')}</th>
            <th scope="col">{t('admin.p90Time')}</th>
          </tr>
        </thead>
        <tbody>
          {byStage.map((s) => (
            <tr key={s.stage}>
              <th scope="row">{t(`stage.${s.stage}`)}</th>
              <td>{format.number(s.plans)}</td>
              <td>{format.number(s.openTasks)}</td>
              <td>{format.number(s.overdueTasks)}</td>
              <td>
                {s.timeInStage.p50Ms === null ? (
                  t('admin.noneCompleted')
                ) : (
                  <>
                    <span
                      className="aoc-bar"
                      style={{ width: `${(s.timeInStage.p50Ms / max) * 10}rem` }}
                      aria-hidden="true"
                    />
                    <span>{format.duration(s.timeInStage.p50Ms)}</span>
                  </>
                )}
              </td>
              <td>{s.timeInStage.p90Ms === null ? '—' : format.duration(s.timeInStage.p90Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
