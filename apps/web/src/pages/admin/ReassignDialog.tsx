import { Select, SelectItem } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ActionDialog } from '../../components/ActionDialog';
import { ErrorNotice, Loading } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import type { WaitingRow } from './waiting-row';

export function ReassignDialog({ row, onClose }: { row: WaitingRow; onClose: () => void }) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: ['admin', 'users', row.role],
    queryFn: () => data(api.GET('/api/users', { params: { query: row.role ? { role: row.role as never } : {} } })),
  });
  // Only users holding the task's role within its scope.
  const fit = (users.data ?? []).filter(
    (u) =>
      (!row.country || u.country === row.country) &&
      (!row.body || u.body === row.body) &&
      (!row.seat || u.seat === row.seat),
  );
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState('');
  const reassign = useRefreshingMutation(
    () => data(api.POST('/api/tasks/{id}/reassign', { params: { path: { id: row.taskId! } }, body: { assignee } })),
    row.planId,
  );
  return (
    <ActionDialog
      heading={t('admin.reassignTitle')}
      action={t('admin.reassign')}
      onClose={onClose}
      onSubmit={() => {
        if (!assignee) return setError(t('form.required'));
        reassign.mutate(undefined, { onSuccess: onClose });
      }}
    >
      {users.isPending ? (
        <Loading />
      ) : (
        <Select
          id="assignee"
          labelText={t('admin.assignee')}
          value={assignee}
          {...invalidWith(error)}
          onChange={(e) => setAssignee(e.target.value)}
        >
          <SelectItem value="" text={fit.length ? t('admin.pickUser') : t('admin.noUser')} />
          {fit.map((u) => (
            <SelectItem key={u.id} value={u.id} text={u.name ? `${u.name} (${u.id})` : u.id} />
          ))}
        </Select>
      )}
      {users.error && <ErrorNotice error={users.error} />}
      {reassign.error && <ErrorNotice error={reassign.error} />}
    </ActionDialog>
  );
}
