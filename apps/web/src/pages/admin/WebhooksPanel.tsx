import { Button, InlineNotification } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { AddForm } from '../../components/AddForm';
import { Loaded } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import { useFormat } from '../../components/format';
import { Section } from '../../components/Section';
import { TextInput } from '../../components/TextInput';

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

/** The webhooks with the events they receive, a form to add one, and the notifications that failed. */
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
    <Section id="webhooks-title" title={t('admin.webhooks')}>
      <Loaded query={hooks}>
        {(list) => (
          <ul className="aoc-bullets" data-testid="webhooks">
            {list.length === 0 && <li>{t('admin.noWebhooks')}</li>}
            {list.map((h) => (
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
      </Loaded>
      <AddForm
        labelledBy="webhooks-title"
        action={t('admin.addWebhook')}
        mutation={add}
        onAdded={(created) => {
          setUrl('');
          setSecret((created as { secret?: string }).secret);
        }}
        result={
          secret && (
            <InlineNotification
              kind="info"
              lowContrast
              title={t('admin.webhookSecret')}
              subtitle={secret}
              hideCloseButton
            />
          )
        }
      >
        <TextInput
          id="webhook-url"
          type="url"
          labelText={t('admin.webhookUrl')}
          value={url}
          {...invalidWith(urlError)}
          onChange={(e) => setUrl(e.target.value)}
        />
      </AddForm>
      <h3>{t('admin.failedNotifications')}</h3>
      <Loaded query={failed}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('admin.noFailed')}</p>
          ) : (
            <ul className="aoc-bullets" data-testid="failed-notifications">
              {items.map((n) => (
                <li key={n.id}>
                  {format.dateTime(n.updatedAt)} · {t(`admin.channel.${n.channel}`)} · {n.address} ·{' '}
                  {t(`event.${n.eventType}`)} · {t('admin.attempts', { count: n.attempts })}
                  {n.lastError ? ` · ${n.lastError}` : ''}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Section>
  );
}
