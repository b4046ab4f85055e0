import { RadioButton, RadioButtonGroup, TextArea } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../api/client';
import { DECISIONS, NEEDS_COMMENT, NEEDS_REASON } from '../../components/domain';
import { invalidWith } from '../../components/form';
import { DecisionFormShell, type DecisionBody, type Errors, type Recording } from './DecisionFormShell';

/**
 * The decision of a consultation, a secretariat review or an endorsement: one of the type's
 * decisions, with the comment or the reason it needs (required here too).
 */
export function VerdictForm({ task, recording }: { task: Task; recording: Recording }) {
  const { t } = useTranslation();
  const { errors } = recording;
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const options = DECISIONS[task.type as keyof typeof DECISIONS] ?? [];
  const needsReason = NEEDS_REASON.includes(decision);
  const needsComment = NEEDS_COMMENT.includes(decision);

  const validate = (): Errors => {
    const out: Errors = {};
    if (!decision) out.decision = t('task.form.chooseDecision');
    if (needsReason && !reason.trim()) out.reason = t('task.form.reasonRequired');
    if (needsComment && !comment.trim()) out.comment = t('task.form.commentRequired');
    return out;
  };
  const body = (): DecisionBody => ({
    decision: decision as DecisionBody['decision'],
    ...(comment.trim() ? { comment } : {}),
    ...(reason.trim() ? { reason } : {}),
  });

  return (
    <DecisionFormShell recording={recording} validate={validate} body={body}>
      <RadioButtonGroup
        legendText={t('task.form.decision')}
        name="decision"
        orientation="vertical"
        valueSelected={decision}
        {...invalidWith(errors.decision)}
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
      {task.type === 'consultation' && (
        <TextArea
          id="comment"
          data-field="comment"
          labelText={needsComment ? t('task.form.commentRequiredLabel') : t('task.form.comment')}
          rows={3}
          value={comment}
          {...invalidWith(errors.comment)}
          onChange={(e) => setComment(e.target.value)}
        />
      )}
      {(needsReason || task.type !== 'consultation') && (
        <TextArea
          id="reason"
          data-field="reason"
          labelText={needsReason ? t('task.form.reasonRequiredLabel') : t('task.form.reason')}
          rows={3}
          value={reason}
          {...invalidWith(errors.reason)}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
    </DecisionFormShell>
  );
}
