import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import { TextInput } from '../../components/TextInput';
import type { WaitingRow } from './waiting-row';

/** A datetime-local value an hour past the due date, in local time. */
function laterLocal(iso: string | null): string {
  const d = new Date(Math.max(iso ? new Date(iso).getTime() : 0, Date.now()) + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function MoveDeadlineDialog({ row, onClose }: { row: WaitingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(laterLocal(row.dueAt));
  const move = useRefreshingMutation(
    () =>
      data(
        api.POST('/api/tasks/{id}/deadline', {
          params: { path: { id: row.taskId! } },
          body: { dueAt: new Date(value).toISOString() },
        }),
      ),
    row.planId,
  );
  return (
    <ActionDialog
      heading={t('admin.moveDeadlineTitle')}
      action={t('admin.moveDeadline')}
      onClose={onClose}
      onSubmit={() => move.mutate(undefined, { onSuccess: onClose })}
    >
      <TextInput
        id="new-due"
        type="datetime-local"
        labelText={t('admin.newDueDate')}
        value={value}
        {...invalidWith(
          isApiError(move.error, 400) ? (move.error.fieldMessage('dueAt') ?? move.error.message) : undefined,
        )}
        onChange={(e) => setValue(e.target.value)}
      />
      {move.error && !isApiError(move.error, 400) && <ErrorNotice error={move.error} />}
    </ActionDialog>
  );
}
