import { Button, TextArea } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Withdraw a submitted plan, after a confirmation that may say why. */
export function WithdrawPanel({ planId, title }: { planId: string; title: string | undefined }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useRefreshingMutation(
    (why: string) =>
      data(
        api.POST('/api/plans/{id}/withdraw', {
          params: { path: { id: planId } },
          body: why.trim() ? { reason: why } : {},
        }),
      ),
    planId,
  );
  return (
    <>
      <div className="aoc-section">
        <Button kind="danger--tertiary" onClick={() => setConfirming(true)}>
          {t('editor.withdraw')}
        </Button>
      </div>
      {confirming && (
        <ActionDialog
          danger
          heading={t('editor.withdrawTitle', { title })}
          action={t('editor.withdrawConfirm')}
          onClose={() => setConfirming(false)}
          onSubmit={() => withdraw.mutate(reason, { onSuccess: () => setConfirming(false) })}
        >
          <p>{t('editor.withdrawText')}</p>
          <TextArea
            id="withdraw-reason"
            labelText={t('editor.withdrawReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {withdraw.error && <ErrorNotice error={withdraw.error} />}
        </ActionDialog>
      )}
    </>
  );
}
