import { Button, Form, InlineNotification, Select, SelectItem, Stack, TextArea } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, type Plan } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import { Section } from '../../components/Section';

export function CancelPlanPanel({ plans }: { plans: Plan[] }) {
  const { t } = useTranslation();
  const [planId, setPlanId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState(false);
  const cancel = useRefreshingMutation(
    () => data(api.POST('/api/plans/{id}/cancel', { params: { path: { id: planId } }, body: { reason } })),
    planId,
  );
  return (
    <Section id="cancel-title" title={t('admin.cancelPlan')}>
      <Form
        noValidate
        aria-labelledby="cancel-title"
        onSubmit={(e) => {
          e.preventDefault();
          const found: Record<string, string> = {};
          if (!planId) found.plan = t('form.required');
          if (!reason.trim()) found.reason = t('form.required');
          setErrors(found);
          setDone(false);
          if (Object.keys(found).length === 0) setConfirm(true);
        }}
      >
        <Stack gap={5}>
          <Select
            id="cancel-plan"
            labelText={t('inbox.col.plan')}
            value={planId}
            {...invalidWith(errors.plan)}
            onChange={(e) => setPlanId(e.target.value)}
          >
            <SelectItem value="" text={t('admin.pickPlan')} />
            {plans.map((p) => (
              <SelectItem key={p.id} value={p.id} text={`${p.title} (${t(`status.${p.status}`)})`} />
            ))}
          </Select>
          <TextArea
            id="cancel-reason"
            labelText={t('admin.cancelReason')}
            value={reason}
            {...invalidWith(errors.reason)}
            onChange={(e) => setReason(e.target.value)}
          />
          {cancel.error && <ErrorNotice error={cancel.error} />}
          {done && (
            <InlineNotification kind="success" lowContrast role="status" title={t('admin.cancelled')} hideCloseButton />
          )}
          <div>
            <Button kind="danger" type="submit">
              {t('admin.cancelPlan')}
            </Button>
          </div>
        </Stack>
      </Form>
      {confirm && (
        <ActionDialog
          danger
          heading={t('admin.cancelConfirm')}
          action={t('admin.cancelPlan')}
          onClose={() => setConfirm(false)}
          onSubmit={() =>
            cancel.mutate(undefined, {
              onSettled: () => setConfirm(false),
              onSuccess: () => {
                setDone(true);
                setPlanId('');
                setReason('');
              },
            })
          }
        >
          <p>{plans.find((p) => p.id === planId)?.title}</p>
        </ActionDialog>
      )}
    </Section>
  );
}
