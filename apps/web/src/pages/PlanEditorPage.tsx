import {
  Button,
  ButtonSet,
  Form,
  InlineNotification,
  Modal,
  RadioButton,
  RadioButtonGroup,
  Stack,
  TextArea,
  Tile,
} from '@carbon/react';
import { BodiesPicker, CountriesPicker, CountryPicker, PartnersPicker } from '../components/RegistryPickers';
import { TextInput } from '../components/TextInput';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { api, ApiError, data, isApiError, type PlanContent, type PlanEvent } from '../api/client';
import { usePlan, useRefreshingMutation, useTimeline } from '../api/queries';
import { FIELDS, TERMINAL, type Field } from '../components/domain';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { useFormat } from '../components/format';
import { StageProgress } from '../components/StageProgress';

interface ActionForm {
  title: string;
  lead: string;
  partners: string;
  timeline: string;
  indicators: string;
}
interface FormState {
  kind: PlanContent['kind'];
  title: string;
  summary: string;
  country: string;
  countries: string;
  consultees: Record<string, string>;
  partners: string;
  priorityTopics: string;
  objectives: Record<Field, string>;
  actions: Record<Field, ActionForm[]>;
}

const split = (text: string, by: RegExp = /,/): string[] =>
  text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);

const EMPTY: FormState = {
  kind: 'national_plan',
  title: '',
  summary: '',
  country: '',
  countries: '',
  consultees: {},
  partners: '',
  priorityTopics: '',
  objectives: { education: '', media: '', youth: '', migration: '' },
  actions: { education: [], media: [], youth: [], migration: [] },
};

function fromContent(c: PlanContent): FormState {
  const objectives = { ...EMPTY.objectives };
  const actions = { ...EMPTY.actions };
  for (const f of FIELDS) {
    objectives[f] = (c.fields?.[f]?.objectives ?? []).join('\n');
    actions[f] = (c.fields?.[f]?.actions ?? []).map((a) => ({
      title: a.title,
      lead: a.lead,
      partners: a.partners.join(', '),
      timeline: a.timeline,
      indicators: a.indicators.join(', '),
    }));
  }
  return {
    kind: c.kind,
    title: c.title,
    summary: c.summary,
    country: c.country ?? '',
    countries: (c.countries ?? []).join(', '),
    consultees: Object.fromEntries(Object.entries(c.consultees ?? {}).map(([k, v]) => [k, v.join(', ')])),
    partners: c.partners.join(', '),
    priorityTopics: c.priorityTopics.join(', '),
    objectives,
    actions,
  };
}

const countriesOf = (s: FormState): string[] =>
  s.kind === 'national_plan' ? split(s.country.toUpperCase()) : split(s.countries.toUpperCase());

function toContent(s: FormState): PlanContent {
  const countries = countriesOf(s);
  return {
    kind: s.kind,
    title: s.title,
    summary: s.summary,
    ...(s.kind === 'national_plan' ? { country: s.country.trim().toUpperCase() } : { countries }),
    consultees: Object.fromEntries(countries.map((c) => [c, split(s.consultees[c] ?? '')])),
    partners: split(s.partners),
    priorityTopics: split(s.priorityTopics),
    fields: Object.fromEntries(
      FIELDS.map((f) => [
        f,
        {
          objectives: split(s.objectives[f], /\n/),
          actions: s.actions[f].map((a) => ({
            title: a.title,
            lead: a.lead,
            partners: split(a.partners),
            timeline: a.timeline,
            indicators: split(a.indicators),
          })),
        },
      ]),
    ) as PlanContent['fields'],
  };
}

/** The events that asked for the revision now open: objections, the secretariat's request, broken silence. */
function revisionReasons(events: PlanEvent[]): PlanEvent[] {
  const request = events.filter((e) => e.type === 'REVISION_REQUESTED').at(-1);
  if (!request) return [];
  const version = request.version?.number;
  return events.filter(
    (e) =>
      e.version?.number === version &&
      ((e.type === 'TASK_COMPLETED' && ['object', 'request_revision'].includes(String(e.payload.decision))) ||
        e.type === 'SILENCE_BROKEN' ||
        (e.type === 'REVISION_REQUESTED' && typeof e.payload.reason === 'string')),
  );
}

/** Create or edit a draft (or the plan in REVISION), submit it, withdraw it. */
export default function PlanEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plan = usePlan(id);
  const timeline = useTimeline(id && plan.data?.status === 'REVISION' ? id : undefined);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [loadedId, setLoadedId] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | undefined>();
  /** A submission's warnings (a consulted body nobody holds yet, DOMAIN §12): the submitter stays to read them. */
  const [warnings, setWarnings] = useState<{ planId: string; messages: string[] } | undefined>();
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');

  useEffect(() => {
    if (plan.data?.draft && plan.data.id !== loadedId) {
      setForm(fromContent(plan.data.draft));
      setLoadedId(plan.data.id);
    }
  }, [plan.data, loadedId]);

  // A 400 (bad input) or a 409 (not ready to submit) may name its fields: each message at its field.
  const onError = (error: unknown) => {
    if (isApiError(error) && (error as ApiError).fieldErrors.length > 0) {
      setErrors(Object.fromEntries((error as ApiError).fieldErrors.map((e) => [e.field, e.message])));
    }
  };
  const save = useRefreshingMutation(async () => {
    const content = toContent(form);
    if (!id) return data(api.POST('/api/plans', { body: content }));
    const { kind: _kind, ...changes } = content;
    return data(api.PATCH('/api/plans/{id}', { params: { path: { id } }, body: changes }));
  }, id);
  const submit = useRefreshingMutation(
    (planId: string) => data(api.POST('/api/plans/{id}/submit', { params: { path: { id: planId } } })),
    id,
  );
  const withdraw = useRefreshingMutation(
    (reason: string) =>
      data(
        api.POST('/api/plans/{id}/withdraw', { params: { path: { id: id! } }, body: reason.trim() ? { reason } : {} }),
      ),
    id,
  );

  const onSave = (andSubmit: boolean) => (e?: React.FormEvent) => {
    e?.preventDefault();
    setErrors({});
    setNotice(undefined);
    save.mutate(undefined, {
      onError,
      onSuccess: (saved) => {
        const planId = saved.id;
        // A new draft has its own address from now on: a second click edits it, never creates another.
        if (!id) void navigate(`/workspace/${planId}`, { replace: true });
        if (!andSubmit) {
          setNotice(t('editor.saved'));
          return;
        }
        submit.mutate(planId, {
          onError,
          onSuccess: (result) => {
            void queryClient.invalidateQueries({ queryKey: ['plan', planId] });
            setNotice(t('editor.submitted', { number: result.version.number }));
            if (result.warnings.length > 0) setWarnings({ planId, messages: result.warnings.map((w) => w.message) });
            else void navigate(`/plans/${planId}`);
          },
        });
      },
    });
  };

  if (id && plan.isPending) return <Loading />;
  if (id && plan.error) return <ErrorNotice error={plan.error} />;
  const status = plan.data?.status ?? 'DRAFT';
  const editable = status === 'DRAFT' || status === 'REVISION';
  const err = (field: string) =>
    errors[field] ?? Object.entries(errors).find(([k]) => k.startsWith(`${field}.`) || k.startsWith(`${field}[`))?.[1];
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setAction = (field: Field, index: number, key: keyof ActionForm, value: string) =>
    setForm((f) => ({
      ...f,
      actions: { ...f.actions, [field]: f.actions[field].map((a, i) => (i === index ? { ...a, [key]: value } : a)) },
    }));
  const reasons = revisionReasons(timeline.data ?? []);
  const busy = save.isPending || submit.isPending;

  return (
    <section aria-labelledby="editor-title">
      <p>
        <RouterLink to="/workspace">{t('editor.back')}</RouterLink>
      </p>
      <h1 id="editor-title">
        {id ? t('editor.editTitle', { title: plan.data?.title || t('workspace.untitled') }) : t('editor.newTitle')}
      </h1>
      {plan.data && <StageProgress status={status} returnTo={plan.data.returnTo} />}
      {notice && (
        <InlineNotification
          kind="success"
          lowContrast
          role="status"
          title={notice}
          onClose={() => setNotice(undefined)}
        />
      )}
      {warnings && (
        <InlineNotification
          kind="warning"
          lowContrast
          role="alert"
          title={t('editor.unheldTitle')}
          data-testid="submission-warnings"
          onClose={() => setWarnings(undefined)}
        >
          <ul className="aoc-bullets">
            {warnings.messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <RouterLink to={`/plans/${warnings.planId}`}>{t('editor.openPlan')}</RouterLink>
        </InlineNotification>
      )}
      {status === 'REVISION' && (
        <Tile className="aoc-revision" aria-labelledby="revision-title">
          <h2 id="revision-title">{t('editor.revisionAskedBy')}</h2>
          {reasons.length === 0 ? (
            <p>{t('editor.revisionNoReason')}</p>
          ) : (
            <ul className="aoc-bullets" data-testid="revision-reasons">
              {reasons.map((e) => (
                <li key={e.id}>
                  <strong>{t(`event.${e.type}`)}</strong> · {e.actor === 'system' ? t('plan.system') : e.actor} ·{' '}
                  {format.dateTime(e.at)}
                  {typeof e.payload.decision === 'string' && ` · ${t(`decision.${e.payload.decision}`)}`}
                  {typeof e.payload.reason === 'string' && `: “${e.payload.reason}”`}
                </li>
              ))}
            </ul>
          )}
        </Tile>
      )}
      {!editable ? (
        <p>{t('editor.notEditable', { status: t(`status.${status}`) })}</p>
      ) : (
        <Form onSubmit={onSave(false)} noValidate aria-labelledby="editor-title" className="aoc-section">
          <Stack gap={6}>
            <RadioButtonGroup
              legendText={t('content.kind')}
              name="kind"
              valueSelected={form.kind}
              disabled={Boolean(id)}
              onChange={(v) => set('kind', v as FormState['kind'])}
            >
              <RadioButton id="kind-national" value="national_plan" labelText={t('kind.national_plan')} />
              <RadioButton id="kind-regional" value="regional_strategy" labelText={t('kind.regional_strategy')} />
            </RadioButtonGroup>
            <TextInput
              id="title"
              labelText={t('content.title')}
              value={form.title}
              invalid={Boolean(err('title'))}
              invalidText={err('title')}
              onChange={(e) => set('title', e.target.value)}
            />
            <TextArea
              id="summary"
              labelText={t('content.summary')}
              rows={4}
              value={form.summary}
              invalid={Boolean(err('summary'))}
              invalidText={err('summary')}
              onChange={(e) => set('summary', e.target.value)}
            />
            {form.kind === 'national_plan' ? (
              <CountryPicker
                id="country"
                label={t('editor.country')}
                helperText={t('editor.countryHelp')}
                value={form.country}
                invalidText={err('country')}
                onChange={(code) => set('country', code)}
              />
            ) : (
              <CountriesPicker
                id="countries"
                label={t('editor.countries')}
                helperText={t('editor.pickHelp')}
                values={split(form.countries)}
                invalidText={err('countries')}
                onChange={(codes) => set('countries', codes.join(', '))}
              />
            )}
            {countriesOf(form).map((c) => (
              <BodiesPicker
                key={c}
                id={`consultees-${c}`}
                country={c}
                label={t('editor.consulteesOf', { country: c })}
                helperText={t('editor.pickHelp')}
                values={split(form.consultees[c] ?? '')}
                invalidText={err(`consultees.${c}`) ?? errors.consultees}
                onChange={(ids) => set('consultees', { ...form.consultees, [c]: ids.join(', ') })}
              />
            ))}
            <PartnersPicker
              id="partners"
              label={t('content.partners')}
              helperText={t('editor.pickHelp')}
              values={split(form.partners)}
              invalidText={err('partners')}
              onChange={(ids) => set('partners', ids.join(', '))}
            />
            <TextInput
              id="priority-topics"
              labelText={t('content.priorityTopics')}
              helperText={t('editor.listHelp')}
              value={form.priorityTopics}
              invalid={Boolean(err('priorityTopics'))}
              invalidText={err('priorityTopics')}
              onChange={(e) => set('priorityTopics', e.target.value)}
            />
            {FIELDS.map((f) => (
              <fieldset key={f} className="aoc-fieldset">
                <legend>{t(`field.${f}`)}</legend>
                <Stack gap={5}>
                  <TextArea
                    id={`objectives-${f}`}
                    labelText={t('editor.objectives')}
                    helperText={t('editor.oneALine')}
                    rows={3}
                    value={form.objectives[f]}
                    invalid={Boolean(err(`fields.${f}.objectives`))}
                    invalidText={err(`fields.${f}.objectives`)}
                    onChange={(e) => set('objectives', { ...form.objectives, [f]: e.target.value })}
                  />
                  {form.actions[f].map((a, i) => (
                    <fieldset key={i} className="aoc-action">
                      <legend>{t('editor.actionN', { number: i + 1 })}</legend>
                      <Stack gap={4}>
                        {(['title', 'lead', 'partners', 'timeline', 'indicators'] as const).map((k) => (
                          <TextInput
                            key={k}
                            id={`action-${f}-${i}-${k}`}
                            labelText={t(`editor.action.${k}`)}
                            value={a[k]}
                            invalid={Boolean(err(`fields.${f}.actions.${i}.${k}`))}
                            invalidText={err(`fields.${f}.actions.${i}.${k}`)}
                            onChange={(e) => setAction(f, i, k, e.target.value)}
                          />
                        ))}
                        <div>
                          <Button
                            kind="ghost"
                            size="sm"
                            onClick={() =>
                              set('actions', { ...form.actions, [f]: form.actions[f].filter((_, j) => j !== i) })
                            }
                          >
                            {t('editor.removeAction', { number: i + 1 })}
                          </Button>
                        </div>
                      </Stack>
                    </fieldset>
                  ))}
                  <div>
                    <Button
                      kind="tertiary"
                      size="sm"
                      onClick={() =>
                        set('actions', {
                          ...form.actions,
                          [f]: [
                            ...form.actions[f],
                            { title: '', lead: '', partners: '', timeline: '', indicators: '' },
                          ],
                        })
                      }
                    >
                      {t('editor.addAction', { field: t(`field.${f}`) })}
                    </Button>
                  </div>
                </Stack>
              </fieldset>
            ))}
            {(save.error || submit.error) && Object.keys(errors).length === 0 && (
              <ErrorNotice error={save.error ?? submit.error} />
            )}
            {Object.keys(errors).length > 0 && (
              <InlineNotification
                kind="error"
                lowContrast
                role="alert"
                title={t('errors.invalid')}
                subtitle={t('editor.fixFields', { count: Object.keys(errors).length })}
                hideCloseButton
              />
            )}
            <ButtonSet>
              <Button kind="secondary" type="submit" disabled={busy}>
                {t('editor.save')}
              </Button>
              <Button kind="primary" disabled={busy} onClick={() => onSave(true)()}>
                {status === 'REVISION' ? t('editor.submitRevision') : t('editor.submit')}
              </Button>
            </ButtonSet>
          </Stack>
        </Form>
      )}
      {id && plan.data && !TERMINAL.includes(status) && status !== 'DRAFT' && (
        <div className="aoc-section">
          <Button kind="danger--tertiary" onClick={() => setConfirmWithdraw(true)}>
            {t('editor.withdraw')}
          </Button>
        </div>
      )}
      {confirmWithdraw && (
        <Modal
          open
          danger
          modalHeading={t('editor.withdrawTitle', { title: plan.data?.title })}
          primaryButtonText={t('editor.withdrawConfirm')}
          secondaryButtonText={t('common.cancel')}
          onRequestClose={() => setConfirmWithdraw(false)}
          onRequestSubmit={() => withdraw.mutate(withdrawReason, { onSuccess: () => setConfirmWithdraw(false) })}
        >
          <p>{t('editor.withdrawText')}</p>
          <TextArea
            id="withdraw-reason"
            labelText={t('editor.withdrawReason')}
            value={withdrawReason}
            onChange={(e) => setWithdrawReason(e.target.value)}
          />
          {withdraw.error && <ErrorNotice error={withdraw.error} />}
        </Modal>
      )}
    </section>
  );
}
