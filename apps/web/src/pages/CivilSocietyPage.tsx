import { Button, Form, InlineNotification, Select, SelectItem, Stack, Tag, TextArea, Tile } from '@carbon/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, data, isApiError, type Plan, type PlanEvent } from '../api/client';
import { useComments, usePlans, useRefreshingMutation, useTimeline } from '../api/queries';
import { useMe } from '../api/session';
import { CommentList } from '../components/CommentItem';
import { FIELDS } from '../components/domain';
import { ErrorNotice, Loaded, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';
import { Section } from '../components/Section';
import { useNow } from '../components/TimeLeft';

/** When the comment window closes: announced when the stage is entered, later if an admin moved it. */
function windowClosesAt(events: PlanEvent[]): string | undefined {
  let closesAt: string | undefined;
  for (const e of events) {
    if (e.type === 'STAGE_ENTERED' && typeof e.payload.commentWindowClosesAt === 'string')
      closesAt = e.payload.commentWindowClosesAt;
    if (e.type === 'DEADLINE_EXTENDED' && !e.payload.taskId && typeof e.payload.dueAt === 'string' && closesAt)
      closesAt = e.payload.dueAt;
  }
  return closesAt;
}

function Countdown({ until }: { until: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(1000);
  const left = new Date(until).getTime() - now;
  return (
    <p>
      {left > 0 ? (
        <span className="aoc-countdown">
          {t('cso.closesIn', { duration: format.duration(left), at: format.dateTime(until) })}
        </span>
      ) : (
        <Tag type="red">{t('cso.closed')}</Tag>
      )}
    </p>
  );
}

function OpenWindow({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const timeline = useTimeline(plan.id);
  const [field, setField] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [posted, setPosted] = useState(false);
  const key = useRef(crypto.randomUUID());
  const post = useRefreshingMutation(
    () =>
      data(
        api.POST('/api/plans/{id}/comments', {
          params: { path: { id: plan.id }, header: { 'Idempotency-Key': key.current } },
          body: { text, ...(field ? { field: field as (typeof FIELDS)[number] } : {}) },
        }),
      ),
    plan.id,
  );
  const closesAt = windowClosesAt(timeline.data ?? []);
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setPosted(false);
    if (!text.trim()) {
      setError(t('form.required'));
      return;
    }
    setError('');
    post.mutate(undefined, {
      onSuccess: () => {
        setText('');
        setPosted(true);
        key.current = crypto.randomUUID();
      },
      onError: (err) => {
        if (isApiError(err, 400)) setError(err.fieldMessage('text') ?? err.message);
        key.current = crypto.randomUUID();
      },
    });
  };
  return (
    <Tile className="aoc-window">
      <h3>
        <RouterLink to={`/plans/${plan.id}`}>{plan.title}</RouterLink>
      </h3>
      <p className="aoc-meta">
        {t(`kind.${plan.kind}`)} · {plan.countries.join(', ')} · {t('plan.versionN', { number: plan.reviewVersion })}
      </p>
      {closesAt ? <Countdown until={closesAt} /> : timeline.isPending ? <Loading /> : null}
      <Form onSubmit={onSubmit} noValidate aria-label={t('cso.formLabel', { title: plan.title })}>
        <Stack gap={5}>
          <Select
            id={`field-${plan.id}`}
            labelText={t('cso.about')}
            value={field}
            onChange={(e) => setField(e.target.value)}
          >
            <SelectItem value="" text={t('comments.wholePlan')} />
            {FIELDS.map((f) => (
              <SelectItem key={f} value={f} text={t(`field.${f}`)} />
            ))}
          </Select>
          <TextArea
            id={`text-${plan.id}`}
            labelText={t('cso.comment')}
            rows={4}
            value={text}
            invalid={Boolean(error)}
            invalidText={error}
            onChange={(e) => setText(e.target.value)}
          />
          {post.error && !isApiError(post.error, 400) && (
            <ErrorNotice error={post.error} onClose={() => post.reset()} />
          )}
          {posted && (
            <InlineNotification
              kind="success"
              lowContrast
              role="status"
              title={t('cso.posted')}
              onClose={() => setPosted(false)}
            />
          )}
          <div>
            <Button type="submit" disabled={post.isPending}>
              {t('cso.post')}
            </Button>
          </div>
        </Stack>
      </Form>
    </Tile>
  );
}

function MyComments({ plan, me }: { plan: Plan; me: string }) {
  const comments = useComments(plan.id);
  const mine = (comments.data ?? []).filter((c) => c.author === me);
  if (mine.length === 0) return null;
  return (
    <li>
      <RouterLink to={`/plans/${plan.id}`}>{plan.title}</RouterLink>
      <CommentList comments={mine} view="author" />
    </li>
  );
}

/** Civil society: the open comment windows, with a live countdown; my comments and their dispositions. */
export default function CivilSocietyPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const open = usePlans({ status: 'CIVIL_SOCIETY_COMMENT' });
  const all = usePlans();
  return (
    <section aria-labelledby="cso-title">
      <h1 id="cso-title">{t('cso.title')}</h1>
      <Section id="open-title" title={t('cso.open')}>
        <Loaded query={open}>
          {({ items }) =>
            items.length === 0 ? <p>{t('cso.noneOpen')}</p> : items.map((p) => <OpenWindow key={p.id} plan={p} />)
          }
        </Loaded>
      </Section>
      <Section id="mine-title" title={t('cso.mine')}>
        {all.isPending ? (
          <Loading />
        ) : (
          <ul className="aoc-bullets">
            {(all.data?.items ?? []).map((p) => (
              <MyComments key={p.id} plan={p} me={me?.sub ?? ''} />
            ))}
          </ul>
        )}
      </Section>
    </section>
  );
}
