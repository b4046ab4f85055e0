import { Checkbox, Select, SelectItem } from '@carbon/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from './domain';

/** The filters above a list, in a row, named as a group. */
export function Filters({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="aoc-row aoc-filters" role="group" aria-label={t('inbox.filters')}>
      {children}
    </div>
  );
}

/** Any stage, or one of the four; with `revision`, plans in REVISION too (a status, not a stage). */
export function StageFilter({
  id,
  revision,
  value,
  onChange,
}: {
  id: string;
  revision?: boolean;
  value: string;
  onChange: (stage: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select id={id} labelText={t('inbox.filter.stage')} value={value} onChange={(e) => onChange(e.target.value)}>
      <SelectItem value="" text={t('inbox.filter.anyStage')} />
      {STAGES.map((s) => (
        <SelectItem key={s} value={s} text={t(`stage.${s}`)} />
      ))}
      {revision && <SelectItem value="REVISION" text={t('status.REVISION')} />}
    </Select>
  );
}

/** Only what is overdue. */
export function OverdueFilter({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      id={id}
      labelText={t('inbox.filter.overdue')}
      checked={checked}
      onChange={(_e, { checked: on }) => onChange(on)}
    />
  );
}
