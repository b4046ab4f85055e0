import {
  Select,
  SelectItem,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
} from '@carbon/react';
import { diffWords } from 'diff';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Version } from '../api/client';
import { useDiff } from '../api/queries';
import { ErrorNotice, Loading } from './ErrorNotice';
import { shortHash } from './format';

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

/** One change, side by side: what was removed on the left, what was added on the right, marked in words too. */
function ChangeCells({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const parts = diffWords(asText(before), asText(after));
  return (
    <>
      <TableCell className="aoc-diff-cell">
        {parts
          .filter((p) => !p.added)
          .map((p, i) =>
            p.removed ? (
              <del key={i} title={t('diff.removed')}>
                <span className="aoc-visually-hidden">[{t('diff.removed')}: </span>
                {p.value}
                <span className="aoc-visually-hidden">]</span>
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
      </TableCell>
      <TableCell className="aoc-diff-cell">
        {parts
          .filter((p) => !p.removed)
          .map((p, i) =>
            p.added ? (
              <ins key={i} title={t('diff.added')}>
                <span className="aoc-visually-hidden">[{t('diff.added')}: </span>
                {p.value}
                <span className="aoc-visually-hidden">]</span>
              </ins>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
      </TableCell>
    </>
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
        <TableContainer
          title={t('diff.title', { a, b })}
          description={t('diff.count', { count: diff.data.changes.length })}
        >
          <Table size="md" aria-label={t('diff.title', { a, b })}>
            <TableHead>
              <TableRow>
                <TableHeader>{t('diff.field')}</TableHeader>
                <TableHeader>{t('diff.versionN', { number: a })}</TableHeader>
                <TableHeader>{t('diff.versionN', { number: b })}</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {diff.data.changes.map((change) => (
                <TableRow key={change.path}>
                  <TableCell>{label(change.path)}</TableCell>
                  <ChangeCells before={change.before} after={change.after} />
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </div>
  );
}
