import { Checkbox, Select, SelectItem, TextArea } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment, Task } from '../../api/client';
import { useComments } from '../../api/queries';
import { DISPOSITIONS } from '../../components/domain';
import { ErrorNotice, Loading } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import { DecisionFormShell, type DecisionBody, type Errors, type Recording } from './DecisionFormShell';

interface DispositionInput {
  disposition: string;
  response: string;
}

/**
 * The submitter's disposition (DOMAIN §4.2): every visible comment gets a disposition and a public
 * response; the edited draft may go along as a revised version.
 */
export function DispositionForm({ task, recording }: { task: Task; recording: Recording }) {
  const { t } = useTranslation();
  const { errors } = recording;
  const [dispositions, setDispositions] = useState<Record<string, DispositionInput>>({});
  const [attachRevision, setAttachRevision] = useState(false);
  const comments = useComments(task.planId);
  const visible: Comment[] = (comments.data ?? []).filter((c) => !c.hidden);
  const edit = (c: Comment, change: Partial<DispositionInput>) =>
    setDispositions((d) => ({ ...d, [c.id]: { ...(d[c.id] ?? { disposition: '', response: '' }), ...change } }));

  const validate = (): Errors => {
    const out: Errors = {};
    visible.forEach((c, i) => {
      if (!dispositions[c.id]?.disposition) out[`dispositions.${i}.disposition`] = t('form.required');
      if (!dispositions[c.id]?.response?.trim()) out[`dispositions.${i}.response`] = t('form.required');
    });
    return out;
  };
  const body = (): DecisionBody => ({
    decision: 'dispose',
    dispositions: visible.map((c) => ({
      commentId: c.id,
      disposition: (dispositions[c.id]?.disposition ?? '') as (typeof DISPOSITIONS)[number],
      response: dispositions[c.id]?.response ?? '',
    })),
    ...(attachRevision ? { attachRevision: true } : {}),
  });

  return (
    <DecisionFormShell recording={recording} validate={validate} body={body}>
      {comments.isPending ? (
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
              {...invalidWith(errors[`dispositions.${i}.disposition`])}
              onChange={(e) => edit(c, { disposition: e.target.value })}
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
              {...invalidWith(errors[`dispositions.${i}.response`])}
              onChange={(e) => edit(c, { response: e.target.value })}
            />
          </fieldset>
        ))
      )}
      {errors.dispositions && <ErrorNotice error={new Error(errors.dispositions)} />}
      <Checkbox
        id="attach-revision"
        labelText={t('task.form.attachRevision')}
        helperText={t('task.form.attachRevisionHelp')}
        checked={attachRevision}
        onChange={(_e, { checked }) => setAttachRevision(checked)}
      />
    </DecisionFormShell>
  );
}
