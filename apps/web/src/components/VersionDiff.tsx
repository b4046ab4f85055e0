import { Select, SelectItem } from '@carbon/react';
import { diffWords } from 'diff';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas, Version } from '../api/client';
import { useDiff } from '../api/queries';
import { ErrorNotice, Loading } from './ErrorNotice';
import { ListTable } from './ListTable';
import { shortHash } from './format';

type DiffChange = Schemas['FieldChangeResponse'];

/** A value of the diff as text: lists one item a line, objects as indented JSON. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  return JSON.stringify(value, null, 2);
}

/** "fields.youth.objectives" in words: Youth › Objectives. */
function usePathLabel() {
  const { t, i18n } = useTranslation();
  return (path: string) =>
    path
      .split('.')
      .filter((part) => part !== 'fields')
      .map((part) =>
        i18n.exists(`field.${part}`)
          ? t(`field.${part}`)
          : i18n.exists(`content.${part}`)
            ? t(`content.${part}`)
            : part,
      )
      .join(' › ');
}

/**
 * One side of a change: the text before it with what was removed marked (`removed`), or the text
 * after it with what was added marked; in words too, for whoever does not see the colours.
 */
function ChangeSide({ before, after, side }: { before: unknown; after: unknown; side: 'removed' | 'added' }) {
  const { t } = useTranslation();
  const Mark = side === 'removed' ? 'del' : 'ins';
  const other = side === 'removed' ? 'added' : 'removed';
  return diffWords(asText(before), asText(after))
    .filter((p) => !p[other])
    .map((p, i) =>
      p[side] ? (
        <Mark key={i} title={t(`diff.${side}`)}>
          <span className="aoc-visually-hidden">[{t(`diff.${side}`)}: </span>
          {p.value}
          <span className="aoc-visually-hidden">]</span>
        </Mark>
      ) : (
        <span key={i}>{p.value}</span>
      ),
    );
}

/** Pick any two versions; the API's field-by-field diff, side by side. */
export function VersionDiff({ planId, versions }: { planId: string; versions: Version[] }) {
  const { t } = useTranslation();
  const label = usePathLabel();
  const numbers = versions.map((v) => v.number);
  const [a, setA] = useState<number | undefined>(numbers.at(-2));
  const [b, setB] = useState<number | undefined>(numbers.at(-1));
  useEffect(() => {
    if (a === undefined && numbers.length >= 2) setA(numbers.at(-2));
    if (b === undefined && numbers.length >= 1) setB(numbers.at(-1));
  }, [numbers, a, b]);
  const diff = useDiff(planId, a, b);
  if (versions.length < 2) return <p>{t('diff.onlyOne')}</p>;
  const option = (v: Version) => (
    <SelectItem
      key={v.number}
      value={String(v.number)}
      text={t('diff.versionOption', { number: v.number, hash: shortHash(v.hash) })}
    />
  );
  return (
    <div className="aoc-diff">
      <div className="aoc-row">
        <Select
          id="diff-from"
          labelText={t('diff.from')}
          value={String(a)}
          onChange={(e) => setA(Number(e.target.value))}
        >
          {versions.map(option)}
        </Select>
        <Select id="diff-to" labelText={t('diff.to')} value={String(b)} onChange={(e) => setB(Number(e.target.value))}>
          {versions.map(option)}
        </Select>
      </div>
      {a === b ? (
        <p>{t('diff.same')}</p>
      ) : diff.isPending ? (
        <Loading />
      ) : diff.error ? (
        <ErrorNotice error={diff.error} />
      ) : diff.data.changes.length === 0 ? (
        <p>{t('diff.none')}</p>
      ) : (
        <ListTable
          title={t('diff.title', { a, b })}
          description={t('diff.count', { count: diff.data.changes.length })}
          rows={diff.data.changes}
          rowKey={(change) => change.path}
          columns={[
            { key: 'field', header: t('diff.field'), cell: (change) => label(change.path) },
            ...(['removed', 'added'] as const).map((side) => ({
              key: side,
              header: t('diff.versionN', { number: side === 'removed' ? a : b }),
              className: 'aoc-diff-cell',
              cell: (change: DiffChange) => <ChangeSide before={change.before} after={change.after} side={side} />,
            })),
          ]}
        />
      )}
    </div>
  );
}
