import { Button, Stack, TextArea } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { TextInput } from '../../components/TextInput';
import { FIELDS, type Field } from '../../components/domain';
import { invalidWith } from '../../components/form';
import type { ActionForm, FormSectionProps } from './plan-form';

const ACTION_PARTS = ['title', 'lead', 'partners', 'timeline', 'indicators'] as const;
const NEW_ACTION: ActionForm = { title: '', lead: '', partners: '', timeline: '', indicators: '' };

/** The four fields of action, each with its objectives (one a line) and its actions, added and removed here. */
export function FieldSections({ form, set, err }: FormSectionProps) {
  const { t } = useTranslation();
  const setActions = (field: Field, actions: ActionForm[]) => set('actions', { ...form.actions, [field]: actions });
  const setAction = (field: Field, index: number, key: keyof ActionForm, value: string) =>
    setActions(
      field,
      form.actions[field].map((a, i) => (i === index ? { ...a, [key]: value } : a)),
    );
  return FIELDS.map((f) => (
    <fieldset key={f} className="aoc-fieldset">
      <legend>{t(`field.${f}`)}</legend>
      <Stack gap={5}>
        <TextArea
          id={`objectives-${f}`}
          labelText={t('editor.objectives')}
          helperText={t('editor.oneALine')}
          rows={3}
          value={form.objectives[f]}
          {...invalidWith(err(`fields.${f}.objectives`))}
          onChange={(e) => set('objectives', { ...form.objectives, [f]: e.target.value })}
        />
        {form.actions[f].map((a, i) => (
          <fieldset key={i} className="aoc-action">
            <legend>{t('editor.actionN', { number: i + 1 })}</legend>
            <Stack gap={4}>
              {ACTION_PARTS.map((k) => (
                <TextInput
                  key={k}
                  id={`action-${f}-${i}-${k}`}
                  labelText={t(`editor.action.${k}`)}
                  value={a[k]}
                  {...invalidWith(err(`fields.${f}.actions.${i}.${k}`))}
                  onChange={(e) => setAction(f, i, k, e.target.value)}
                />
              ))}
              <div>
                <Button
                  kind="ghost"
                  size="sm"
                  onClick={() =>
                    setActions(
                      f,
                      form.actions[f].filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('editor.removeAction', { number: i + 1 })}
                </Button>
              </div>
            </Stack>
          </fieldset>
        ))}
        <div>
          <Button kind="tertiary" size="sm" onClick={() => setActions(f, [...form.actions[f], { ...NEW_ACTION }])}>
            {t('editor.addAction', { field: t(`field.${f}`) })}
          </Button>
        </div>
      </Stack>
    </fieldset>
  ));
}
