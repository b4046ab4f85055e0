import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { usePlans } from '../../api/queries';
import { TERMINAL } from '../../components/domain';
import { AdoptionRecordsPanel } from './AdoptionRecordsPanel';
import { CancelPlanPanel } from './CancelPlanPanel';
import { OverviewPanel } from './OverviewPanel';
import { SeatsPanel } from './SeatsPanel';
import { WaitingOnPanel } from './WaitingOnPanel';
import { WebhooksPanel } from './WebhooksPanel';

/** The administrator's dashboard: figures, time in stage, waiting-on and its actions, adoption records, seats, webhooks. */
export default function AdminPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <p>
        <RouterLink to="/admin/registry">{t('registry.open')}</RouterLink>
      </p>
      <OverviewPanel />
      <WaitingOnPanel />
      <AdoptionRecordsPanel />
      <CancelPlanPanel
        plans={(plans.data?.items ?? []).filter((p) => !TERMINAL.includes(p.status) && p.status !== 'DRAFT')}
      />
      <SeatsPanel />
      <WebhooksPanel />
    </section>
  );
}
