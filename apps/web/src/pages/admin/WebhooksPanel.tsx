import { Button, Form, InlineNotification } from '@carbon/react';
import { TextInput } from '../../components/TextInput';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ErrorNotice, Loading } from '../../components/ErrorNotice';
import { useFormat } from '../../components/format';

const WEBHOOK_EVENTS = [
  'TASK_CREATED',
  'TASK_REMINDER',
  'TASK_OVERDUE',
  'ESCALATED',
  'TASK_REASSIGNED',
  'DEADLINE_EXTENDED',
  'STAGE_ENTERED',
  'REVISION_REQUESTED',
  'PLAN_ENDORSED',
  'PLAN_REJECTED',
  'PLAN_WITHDRAWN',
  'PLAN_CANCELLED',
  'COMMENT_DISPOSED',
] as const;

export function WebhooksPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const hooks = useQuery({ queryKey: ['admin', 'webhooks'], queryFn: () => data(api.GET('/api/admin/webhooks')) });
  const failed = useQuery({
    queryKey: ['admin', 'notifications', 'failed'],
    queryFn: () => data(api.GET('/api/admin/notifications/failed')),
  });
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | undefined>();
  const add = useRefreshingMutation(() =>
    data(api.POST('/api/admin/webhooks', { body: { url, events: [...WEBHOOK_EVENTS] } })),
  );
  const remove = useRefreshingMutation((id: string) =>
    data(api.DELETE('/api/admin/webhooks/{id}', { params: { path: { id } } })),
  );
  const urlError = isApiError(add.error, 400) ? (add.error.fieldMessage('url') ?? add.error.message) : undefined;
  return (
    <section aria-labelledby="webhooks-title" className="aoc-section">
      <h2 id="webhooks-title">{t('admin.webhooks')}</h2>
      {hooks.isPending ? (
        <Loading />
      ) : hooks.error ? (
        <ErrorNotice error={hooks.error} />
      ) : (
        <ul className="aoc-bullets" data-testid="webhooks">
          {hooks.data.length === 0 && <li>{t('admin.noWebhooks')}</li>}
          {hooks.data.map((h) => (
            <li key={h.id}>
              <code>{h.url}</code> · {t('admin.webhookEvents', { count: h.events.length })} ·{' '}
              {format.dateTime(h.createdAt)}{' '}
              <Button kind="ghost" size="sm" onClick={() => remove.mutate(h.id)}>
                {t('admin.removeWebhook', { url: h.url })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        noValidate
        aria-labelledby="webhooks-title"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined, {
            onSuccess: (created) => {
              setUrl('');
              setSecret((created as { secret?: string }).secret);
            },
          });
        }}
      >
        <div className="aoc-row">
          <TextInput
            id="webhook-url"
            type="url"
            labelText={t('admin.webhookUrl')}
            value={url}
            invalid={Boolean(urlError)}
            invalidText={urlError}
            onChange={(e) => setUrl(e.target.value)}
          />
          <Button type="submit" size="md">
            {t('admin.addWebhook')}
          </Button>
        </div>
        {add.error && !isApiError(add.error, 400) && <ErrorNotice error={add.error} />}
        {secret && (
          <InlineNotification
            kind="info"
            lowContrast
            title={t('admin.webhookSecret')}
            subtitle={secret}
            hideCloseButton
          />
        )}
      </Form>
      <h3>{t('admin.failedNotifications')}</h3>
      {failed.isPending ? (
        <Loading />
      ) : failed.error ? (
        <ErrorNotice error={failed.error} />
      ) : failed.data.items.length === 0 ? (
        <p>{t('admin.noFailed')}</p>
      ) : (
        <ul className="aoc-bullets" data-testid="failed-notifications">
          {failed.data.items.map((n) => (
            <li key={n.id}>
              {format.dateTime(n.updatedAt)} · {t(`admin.channel.${n.channel}`)} · {n.address} ·{' '}
              {t(`event.${n.eventType}`)} · {t('admin.attempts', { count: n.attempts })}
              {n.lastError ? ` · ${n.lastError}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
