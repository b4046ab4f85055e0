import {
  Button,
  ButtonSet,
  Checkbox,
  Form,
  InlineNotification,
  RadioButton,
  RadioButtonGroup,
  Select,
  SelectItem,
  Stack,
  Tag,
  TextArea,
  Tile,
} from '@carbon/react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { api, ApiError, data, isApiError, type Comment, type Schemas, type Task } from '../api/client';
import { useComments, useRefreshingMutation, useTask, useVersions } from '../api/queries';
import { useMe } from '../api/session';
import { DECISIONS, DISPOSITIONS, NEEDS_COMMENT, NEEDS_REASON } from '../components/domain';
import { ErrorNotice, Loading } from '../components/ErrorNotice';
import { shortHash, useFormat } from '../components/format';
import { PlanContentView } from '../components/PlanContentView';
import { TimeLeft } from '../components/TimeLeft';

type Errors = Record<string, string>;
type Decision = Schemas['CompleteTaskDto']['decision'];

const newKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * The field a refusal is about. The API names fields for input errors (`errors[]`); the decision
 * rules' refusals name the missing text in their message ("object needs a reason").
 */
function fieldErrorsOf(error: ApiError): Errors {
  const out: Errors = {};
  for (const e of error.fieldErrors) out[e.field] = e.message;
  if (Object.keys(out).length === 0) {
    if (/needs a reason/.test(error.message)) out.reason = error.message;
    else if (/needs a comment/.test(error.message)) out.comment = error.message;
    else if (/public response|disposition/.test(error.message)) out.dispositions = error.message;
    else if (/decision/.test(error.message)) out.decision = error.message;
  }
  return out;
}

/** One task: the frozen version it is about, claim and unclaim, and the decision form of its type. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const task = useTask(id);
  const versions = useVersions(task.data?.planId);
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const [decided, setDecided] = useState(false);
  const { data: me } = useMe();

  const claim = useRefreshingMutation(
    (action: 'claim' | 'unclaim') =>
      data(
        action === 'claim'
          ? api.POST('/api/tasks/{id}/claim', { params: { path: { id } } })
          : api.POST('/api/tasks/{id}/unclaim', { params: { path: { id } } }),
      ),
    task.data?.planId,
  );
  const onConflict = () => {
    setConflict(true);
    void queryClient.invalidateQueries({ queryKey: ['task', id] });
  };

  if (task.isPending) return <Loading />;
  if (task.error) return <ErrorNotice error={task.error} />;
  const tk = task.data;
  const version = versions.data?.find((v) => v.number === tk.version.number);
  const claimedByMe = tk.claimedBy === me?.sub;
  const claimError = claim.error && !isApiError(claim.error, 409) ? claim.error : undefined;

  return (
    <section aria-labelledby="task-title">
      <p>
        <RouterLink to="/inbox">{t('task.backToInbox')}</RouterLink>
      </p>
      <h1 id="task-title">
        {t(`taskType.${tk.type}`)} — {t(`stage.${tk.stage}`)}
      </h1>
      {(conflict || isApiError(claim.error, 409)) && (
        <InlineNotification
          kind="warning"
          lowContrast
          role="alert"
          title={t('task.conflictTitle')}
          subtitle={t('task.conflict')}
          onClose={() => {
            setConflict(false);
            claim.reset();
            return false;
          }}
        />
      )}
      <Tile className="aoc-facts">
        <dl>
          <dt>{t('task.status')}</dt>
          <dd>
            <Tag type={tk.status === 'open' ? 'blue' : 'gray'}>{t(`taskStatus.${tk.status}`)}</Tag>
            {tk.stale && <Tag type="warm-gray">{t('common.stale')}</Tag>}
          </dd>
          <dt>{t('task.due')}</dt>
          <dd>
            {format.dateTime(tk.dueAt)} {tk.status === 'open' && <TimeLeft dueAt={tk.dueAt} />}
          </dd>
          <dt>{t('task.for')}</dt>
          <dd>{candidateText(tk, t)}</dd>
          <dt>{t('inbox.col.claimedBy')}</dt>
          <dd>{tk.claimedBy ?? tk.assignee ?? t('inbox.unclaimed')}</dd>
          <dt>{t('task.plan')}</dt>
          <dd>
            <RouterLink to={`/plans/${tk.planId}`}>{t('task.openPlan')}</RouterLink>
          </dd>
        </dl>
        {tk.status === 'open' && (
          <ButtonSet className="aoc-claim">
            {!tk.claimedBy && (
              <Button kind="secondary" size="md" disabled={claim.isPending} onClick={() => claim.mutate('claim')}>
                {t('task.claim')}
              </Button>
            )}
            {claimedByMe && (
              <Button kind="tertiary" size="md" disabled={claim.isPending} onClick={() => claim.mutate('unclaim')}>
                {t('task.unclaim')}
              </Button>
            )}
          </ButtonSet>
        )}
        {claimError && <ErrorNotice error={claimError} onClose={() => claim.reset()} />}
      </Tile>

      {decided && (
        <InlineNotification
          kind="success"
          lowContrast
          role="status"
          title={t('task.decided')}
          subtitle={t('task.decidedText')}
          hideCloseButton
        />
      )}
      {tk.status === 'open' && !decided ? (
        <DecisionForm task={tk} onConflict={onConflict} onDecided={() => setDecided(true)} />
      ) : (
        tk.outcome && (
          <Tile className="aoc-outcome">
            <h2>{t('task.outcome')}</h2>
            <p>
              <strong>{t(`decision.${tk.outcome.decision ?? 'none'}`)}</strong>{' '}
              {tk.outcome.completedBy &&
                t('task.decidedBy', { who: tk.outcome.completedBy, at: format.dateTime(tk.outcome.completedAt) })}
            </p>
            {tk.outcome.reason && <p>{t('task.reasonShown', { text: tk.outcome.reason })}</p>}
            {tk.outcome.comment && <p>{t('task.commentShown', { text: tk.outcome.comment })}</p>}
          </Tile>
        )
      )}

      <section aria-labelledby="version-title" className="aoc-section">
        <h2 id="version-title">
          {t('task.version', { number: tk.version.number })}{' '}
          <code title={tk.version.hash} className="aoc-hash">
            {t('common.hash', { hash: shortHash(tk.version.hash) })}
          </code>
        </h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.error ? (
          <ErrorNotice error={versions.error} />
        ) : version ? (
          <PlanContentView content={version.content as never} />
        ) : (
          <p>{t('task.versionMissing')}</p>
        )}
      </section>
    </section>
  );
}

function candidateText(task: Task, t: TFunction): string {
  const parts = [t(`roles.${task.candidate.role}`)];
  if (task.candidate.country) parts.push(`${t('scope.country')} ${task.candidate.country}`);
  if (task.candidate.body) parts.push(t('inbox.body', { body: task.candidate.body }));
  if (task.candidate.seat) parts.push(t('inbox.seat', { seat: task.candidate.seat }));
  if (task.assignee) parts.push(t('task.assignedTo', { who: task.assignee }));
  return parts.join(' · ');
}

interface DispositionInput {
  disposition: string;
  response: string;
}

/** The decision of the task's type; the texts a decision needs are required here too. */
function DecisionForm({ task, onConflict, onDecided }: { task: Task; onConflict: () => void; onDecided: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [dispositions, setDispositions] = useState<Record<string, DispositionInput>>({});
  const [attachRevision, setAttachRevision] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const key = useRef(newKey());
  const comments = useComments(task.type === 'disposition' ? task.planId : undefined);
  const visible: Comment[] = (comments.data ?? []).filter((c) => !c.hidden);
  const options = DECISIONS[task.type as keyof typeof DECISIONS] ?? [];

  const complete = useRefreshingMutation(
    async () => {
      const body =
        task.type === 'disposition'
          ? {
              decision: 'dispose' as const,
              dispositions: visible.map((c) => ({
                commentId: c.id,
                disposition: (dispositions[c.id]?.disposition ?? '') as (typeof DISPOSITIONS)[number],
                response: dispositions[c.id]?.response ?? '',
              })),
              ...(attachRevision ? { attachRevision: true } : {}),
            }
          : {
              decision: decision as Decision,
              ...(comment.trim() ? { comment } : {}),
              ...(reason.trim() ? { reason } : {}),
            };
      return data(
        api.POST('/api/tasks/{id}/complete', {
          params: { path: { id: task.id }, header: { 'Idempotency-Key': key.current } },
          body,
        }),
      );
    },
    task.planId,
    onDecided,
  );

  const validate = (): Errors => {
    const out: Errors = {};
    if (task.type === 'disposition') {
      visible.forEach((c, i) => {
        if (!dispositions[c.id]?.disposition) out[`dispositions.${i}.disposition`] = t('form.required');
        if (!dispositions[c.id]?.response?.trim()) out[`dispositions.${i}.response`] = t('form.required');
      });
      return out;
    }
    if (!decision) out.decision = t('task.form.chooseDecision');
    if (NEEDS_REASON.includes(decision) && !reason.trim()) out.reason = t('task.form.reasonRequired');
    if (NEEDS_COMMENT.includes(decision) && !comment.trim()) out.comment = t('task.form.commentRequired');
    return out;
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = document.querySelector<HTMLElement>(`[data-field="${Object.keys(found)[0]}"]`);
      first?.focus();
      return;
    }
    complete.mutate(undefined, {
      onError: (error) => {
        if (isApiError(error)) {
          key.current = newKey();
          if (error.status === 409) onConflict();
          if (error.status === 400) setErrors(fieldErrorsOf(error));
        }
      },
    });
  };

  const serverError =
    complete.error &&
    !(isApiError(complete.error, 409) || (isApiError(complete.error, 400) && Object.keys(errors).length > 0))
      ? complete.error
      : undefined;

  return (
    <Form aria-labelledby="decision-title" onSubmit={onSubmit} noValidate className="aoc-section">
      <h2 id="decision-title">{t('task.form.title')}</h2>
      <Stack gap={6}>
        {task.type === 'disposition' ? (
          comments.isPending ? (
            <Loading />
          ) : visible.length === 0 ? (
            <p>{t('task.form.noComments')}</p>
          ) : (
            visible.map((c, i) => (
              <fieldset key={c.id} className="aoc-disposition">
                <legend>
                  {t('task.form.commentBy', {
                    org: c.org,
                    field: c.field ? t(`field.${c.field}`) : t('comments.wholePlan'),
                  })}
                </legend>
                <blockquote>{c.text}</blockquote>
                <Select
                  id={`disposition-${i}`}
                  data-field={`dispositions.${i}.disposition`}
                  labelText={t('task.form.disposition')}
                  value={dispositions[c.id]?.disposition ?? ''}
                  invalid={Boolean(errors[`dispositions.${i}.disposition`])}
                  invalidText={errors[`dispositions.${i}.disposition`]}
                  onChange={(e) =>
                    setDispositions((d) => ({
                      ...d,
                      [c.id]: { response: d[c.id]?.response ?? '', disposition: e.target.value },
                    }))
                  }
                >
                  <SelectItem value="" text={t('task.form.chooseDisposition')} />
                  {DISPOSITIONS.map((d) => (
                    <SelectItem key={d} value={d} text={t(`disposition.${d}`)} />
                  ))}
                </Select>
                <TextArea
                  id={`response-${i}`}
                  data-field={`dispositions.${i}.response`}
                  labelText={t('task.form.response')}
                  rows={3}
                  value={dispositions[c.id]?.response ?? ''}
                  invalid={Boolean(errors[`dispositions.${i}.response`])}
                  invalidText={errors[`dispositions.${i}.response`]}
                  onChange={(e) =>
                    setDispositions((d) => ({
                      ...d,
                      [c.id]: { disposition: d[c.id]?.disposition ?? '', response: e.target.value },
                    }))
                  }
                />
              </fieldset>
            ))
          )
        ) : (
          <RadioButtonGroup
            legendText={t('task.form.decision')}
            name="decision"
            orientation="vertical"
            valueSelected={decision}
            invalid={Boolean(errors.decision)}
            invalidText={errors.decision}
            onChange={(value) => setDecision(String(value))}
          >
            {options.map((d, i) => (
              <RadioButton
                key={d}
                id={`decision-${d}`}
                value={d}
                labelText={t(`decision.${d}`)}
                {...(i === 0 ? { 'data-field': 'decision' } : {})}
              />
            ))}
          </RadioButtonGroup>
        )}
        {task.type === 'disposition' && (
          <>
            {errors.dispositions && <ErrorNotice error={new Error(errors.dispositions)} />}
            <Checkbox
              id="attach-revision"
              labelText={t('task.form.attachRevision')}
              helperText={t('task.form.attachRevisionHelp')}
              checked={attachRevision}
              onChange={(_e, { checked }) => setAttachRevision(checked)}
            />
          </>
        )}
        {task.type === 'consultation' && (
          <TextArea
            id="comment"
            data-field="comment"
            labelText={NEEDS_COMMENT.includes(decision) ? t('task.form.commentRequiredLabel') : t('task.form.comment')}
            rows={3}
            value={comment}
            invalid={Boolean(errors.comment)}
            invalidText={errors.comment}
            onChange={(e) => setComment(e.target.value)}
          />
        )}
        {task.type !== 'disposition' && (NEEDS_REASON.includes(decision) || task.type !== 'consultation') && (
          <TextArea
            id="reason"
            data-field="reason"
            labelText={NEEDS_REASON.includes(decision) ? t('task.form.reasonRequiredLabel') : t('task.form.reason')}
            rows={3}
            value={reason}
            invalid={Boolean(errors.reason)}
            invalidText={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        {serverError && <ErrorNotice error={serverError} onClose={() => complete.reset()} />}
        <div>
          <Button type="submit" disabled={complete.isPending}>
            {complete.isPending ? t('common.sending') : t('task.form.submit')}
          </Button>
        </div>
      </Stack>
    </Form>
  );
}
