import {
  Button,
  InlineNotification,
  Link,
  Pagination,
  Search,
  TableToolbar,
  TableToolbarContent,
  TextArea,
  Toggle,
} from '@carbon/react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError, type ApiError } from '../../api/client';
import { registryKey, type RegistryKind } from '../../api/registry';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { TextInput } from '../../components/TextInput';

/** How a panel reads, shows and changes one of the registry's lists. */
export interface PanelConfig<T> {
  kind: RegistryKind;
  list: (q: { search?: string; page: number; pageSize: number; includeRetired: boolean }) => Promise<{
    items: T[];
    total: number;
  }>;
  key: (row: T) => string;
  /** What else narrows the list (it joins the query's cache key). */
  filter?: Record<string, unknown>;
  /** The list's columns (their headers key them); the panel adds the actions. */
  columns: Omit<ListColumn<T>, 'key'>[];
  /** The fields of the add form (text inputs; lists separated by spaces). */
  addFields: { id: string; label: string; help?: string }[];
  add: (values: Record<string, string>) => Promise<unknown>;
  /** The name shown in the rename field, and the rename itself. */
  name?: (row: T) => string;
  rename?: (row: T, name: string) => Promise<unknown>;
  retired: (row: T) => boolean;
  retire: (row: T, retired: boolean) => Promise<unknown>;
}

/**
 * One list of the registry (DOMAIN §12): search, pages, add, rename, retire or restore, and CSV
 * import and export. A refused CSV file lists each bad row by line and field.
 */
export function RegistryPanel<T>({ config, title }: { config: PanelConfig<T>; title: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [renaming, setRenaming] = useState<{ key: string; name: string } | undefined>();
  const [csv, setCsv] = useState('');
  const [done, setDone] = useState<string | undefined>();
  const list = useQuery({
    queryKey: registryKey(config.kind, 'page', { search, page, pageSize, includeRetired, ...config.filter }),
    queryFn: () => config.list({ ...(search ? { search } : {}), page, pageSize, includeRetired }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['registry', config.kind] });
  const change = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      setDone(t('registry.saved'));
      void refresh();
    },
  });
  const importCsv = useMutation({
    mutationFn: () =>
      data(api.POST('/api/registry/csv/{kind}', { params: { path: { kind: config.kind } }, body: { csv } })),
    onSuccess: (outcome) => {
      setDone(t('registry.imported', outcome));
      setCsv('');
      void refresh();
    },
  });
  /** A row's actions: rename (in place) and retire or restore. */
  const actions = (row: T) => {
    const key = config.key(row);
    const retired = config.retired(row);
    if (renaming?.key === key && config.rename)
      return (
        <form
          className="aoc-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate(() => config.rename!(row, renaming.name));
            setRenaming(undefined);
          }}
        >
          <TextInput
            id={`rename-${config.kind}-${key}`}
            labelText={t('registry.newName')}
            size="sm"
            value={renaming.name}
            onChange={(e) => setRenaming({ key, name: e.target.value })}
          />
          <Button size="sm" type="submit">
            {t('registry.save')}
          </Button>
        </form>
      );
    return (
      <>
        {config.rename && config.name && (
          <Button kind="ghost" size="sm" onClick={() => setRenaming({ key, name: config.name!(row) })}>
            {t('registry.rename')}
          </Button>
        )}
        <Button kind="ghost" size="sm" onClick={() => change.mutate(() => config.retire(row, !retired))}>
          {retired ? t('registry.restore') : t('registry.retire')}
        </Button>
      </>
    );
  };
  const csvError = importCsv.error && isApiError(importCsv.error, 400) ? (importCsv.error as ApiError) : undefined;

  return (
    <section className="aoc-registry-panel" data-testid={`registry-${config.kind}`}>
      {done && (
        <InlineNotification kind="success" lowContrast role="status" title={done} onClose={() => setDone(undefined)} />
      )}
      {change.error && <ErrorNotice error={change.error} />}
      <ListTable
        title={title}
        toolbar={
          <TableToolbar>
            <TableToolbarContent>
              <Search
                labelText={t('registry.search')}
                placeholder={t('registry.search')}
                size="md"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
              />
              <Toggle
                id={`retired-${config.kind}`}
                size="sm"
                labelText={t('registry.showRetired')}
                hideLabel
                labelA={t('registry.showRetired')}
                labelB={t('registry.showRetired')}
                toggled={includeRetired}
                onToggle={(v: boolean) => setIncludeRetired(v)}
              />
              <Link href={`/api/registry/csv/${config.kind}`} download={`${config.kind}.csv`}>
                {t('registry.export')}
              </Link>
            </TableToolbarContent>
          </TableToolbar>
        }
        error={list.error}
        rows={list.data?.items ?? []}
        rowKey={config.key}
        rowClassName={(row) => (config.retired(row) ? 'aoc-retired' : undefined)}
        columns={[
          ...config.columns.map((c) => ({ key: c.header, ...c })),
          { key: 'actions', header: t('registry.col.actions'), cell: actions },
        ]}
        footer={
          <Pagination
            page={page}
            pageSize={pageSize}
            pageSizes={[20, 50, 100]}
            totalItems={list.data?.total ?? 0}
            onChange={({ page: p, pageSize: s }: { page: number; pageSize: number }) => {
              setPage(p);
              setPageSize(s);
            }}
          />
        }
      />
      <div className="aoc-registry-forms">
        <form
          aria-label={t('registry.addTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate(async () => {
              await config.add(values);
              setValues({});
            });
          }}
        >
          <h3>{t('registry.addTitle')}</h3>
          {config.addFields.map((f) => (
            <TextInput
              key={f.id}
              id={`add-${config.kind}-${f.id}`}
              labelText={f.label}
              helperText={f.help}
              value={values[f.id] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.id]: e.target.value }))}
            />
          ))}
          <Button type="submit" size="md" disabled={change.isPending}>
            {t('registry.add')}
          </Button>
        </form>
        <form
          aria-label={t('registry.importTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            importCsv.mutate();
          }}
        >
          <h3>{t('registry.importTitle')}</h3>
          <TextArea
            id={`import-${config.kind}`}
            labelText={t('registry.importLabel')}
            helperText={t('registry.importHelp')}
            rows={4}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
          />
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label={t('registry.importFile')}
            onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
          />
          <Button type="submit" size="md" kind="secondary" disabled={!csv || importCsv.isPending}>
            {t('registry.import')}
          </Button>
          {csvError ? (
            <InlineNotification
              kind="error"
              lowContrast
              role="alert"
              title={t('registry.importRefused')}
              hideCloseButton
            >
              <ul className="aoc-bullets" data-testid={`import-errors-${config.kind}`}>
                {csvError.fieldErrors.map((fe, i) => (
                  <li key={i}>
                    {t('registry.importProblem', {
                      line: (fe as { line?: number }).line ?? '?',
                      field: fe.field,
                      message: fe.message,
                    })}
                  </li>
                ))}
              </ul>
            </InlineNotification>
          ) : (
            importCsv.error && <ErrorNotice error={importCsv.error} />
          )}
        </form>
      </div>
    </section>
  );
}
