import {
  Button,
  ButtonSet,
  Form,
  InlineNotification,
  RadioButton,
  RadioButtonGroup,
  Stack,
  TextArea,
} from '@carbon/react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { api, ApiError, data, isApiError } from '../api/client';
import { usePlan, useRefreshingMutation } from '../api/queries';
import { BackLink } from '../components/BackLink';
import { TERMINAL } from '../components/domain';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { invalidWith } from '../components/form';
import { StageProgress } from '../components/StageProgress';
import { TextInput } from '../components/TextInput';
import { FieldSections } from './editor/FieldSections';
import { EMPTY, fromContent, toContent, type FormState } from './editor/plan-form';
import { RevisionReasons } from './editor/RevisionReasons';
import { ScopeFields } from './editor/ScopeFields';
import { WithdrawPanel } from './editor/WithdrawPanel';

/** Create or edit a draft (or the plan in REVISION), submit it, withdraw it. */
export default function PlanEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plan = usePlan(id);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [loadedId, setLoadedId] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | undefined>();
  /** A submission's warnings (a consulted body nobody holds yet, DOMAIN §12): the submitter stays to read them. */
  const [warnings, setWarnings] = useState<{ planId: string; messages: string[] } | undefined>();

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
  const busy = save.isPending || submit.isPending;

  return (
    <section aria-labelledby="editor-title">
      <BackLink to="/workspace">{t('editor.back')}</BackLink>
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
      {id && status === 'REVISION' && <RevisionReasons planId={id} />}
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
              {...invalidWith(err('title'))}
              onChange={(e) => set('title', e.target.value)}
            />
            <TextArea
              id="summary"
              labelText={t('content.summary')}
              rows={4}
              value={form.summary}
              {...invalidWith(err('summary'))}
              onChange={(e) => set('summary', e.target.value)}
            />
            <ScopeFields form={form} set={set} err={err} consulteesError={errors.consultees} />
            <TextInput
              id="priority-topics"
              labelText={t('content.priorityTopics')}
              helperText={t('editor.listHelp')}
              value={form.priorityTopics}
              {...invalidWith(err('priorityTopics'))}
              onChange={(e) => set('priorityTopics', e.target.value)}
            />
            <FieldSections form={form} set={set} err={err} />
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
        <WithdrawPanel planId={id} title={plan.data.title} />
      )}
    </section>
  );
}
