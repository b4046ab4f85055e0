import { Button, Form, Stack } from '@carbon/react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError, type ApiError, type Schemas, type Task } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Messages by field (`reason`, `dispositions.0.response`, …). */
export type Errors = Record<string, string>;
export type DecisionBody = Schemas['CompleteTaskDto'];

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

/** What a decision form is given: its task, and what to do when it is decided or found taken (409). */
export interface DecisionProps {
  task: Task;
  onConflict: () => void;
  onDecided: () => void;
}

/**
 * Recording a task's decision, whatever its type: one idempotency key a decision (a new one after a
 * refusal), each message at its field (found by the form, or named by the API's 400), and a 409
 * (someone else decided or claimed) handed to the page.
 */
export function useDecision({ task, onConflict, onDecided }: DecisionProps) {
  const [errors, setErrors] = useState<Errors>({});
  const key = useRef(newKey());
  const complete = useRefreshingMutation(
    (body: DecisionBody) =>
      data(
        api.POST('/api/tasks/{id}/complete', {
          params: { path: { id: task.id }, header: { 'Idempotency-Key': key.current } },
          body,
        }),
      ),
    task.planId,
    onDecided,
  );
  /** The form's own findings at their fields (the first one focused); with none, the decision is sent. */
  const submit = (found: Errors, body: () => DecisionBody) => {
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>(`[data-field="${Object.keys(found)[0]}"]`)?.focus();
      return;
    }
    complete.mutate(body(), {
      onError: (error) => {
        if (isApiError(error)) {
          key.current = newKey();
          if (error.status === 409) onConflict();
          if (error.status === 400) setErrors(fieldErrorsOf(error));
        }
      },
    });
  };
  return { errors, submit, complete };
}
export type Recording = ReturnType<typeof useDecision>;

/** The decision form around a task type's fields: its heading, an error no field shows, the button. */
export function DecisionFormShell({
  recording: { errors, submit, complete },
  validate,
  body,
  children,
}: {
  recording: Recording;
  /** The form's findings, by field; empty when the decision may be sent. */
  validate: () => Errors;
  body: () => DecisionBody;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // A 409 is the page's to tell; a 400 with messages at their fields needs nothing more.
  const serverError =
    complete.error &&
    !(isApiError(complete.error, 409) || (isApiError(complete.error, 400) && Object.keys(errors).length > 0))
      ? complete.error
      : undefined;
  return (
    <Form
      aria-labelledby="decision-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit(validate(), body);
      }}
      noValidate
      className="aoc-section"
    >
      <h2 id="decision-title">{t('task.form.title')}</h2>
      <Stack gap={6}>
        {children}
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
