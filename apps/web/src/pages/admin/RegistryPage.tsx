import { Tab, TabList, TabPanel, TabPanels, Tabs } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, data } from '../../api/client';
import {
  countryName,
  type Country,
  type NationalBody,
  type Organization,
  type Region,
  type RegistryUser,
  type Seat,
} from '../../api/registry';
import { RegistryPanel, type PanelConfig } from './RegistryPanel';

const words = (s: string | undefined) => (s ?? '').split(/[\s,]+/).filter(Boolean);
const optional = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The registry of organisations (DOMAIN §12), for administrators: one panel per list. Bodies and
 * seats show how many users hold them; users registered before their first sign-in show so.
 */
export default function RegistryPage() {
  const { t, i18n } = useTranslation();
  // `?tab=users&scopeUnknown=true` (the admin overview's link): the users waiting on an admin.
  const [params] = useSearchParams();
  const onlyUnknownScope = params.get('scopeUnknown') === 'true';

  const countries: PanelConfig<Country> = {
    kind: 'countries',
    list: (query) => data(api.GET('/api/registry/countries', { params: { query } })),
    key: (c) => c.code,
    columns: [
      { header: t('registry.col.code'), cell: (c) => c.code },
      { header: t('registry.col.name'), cell: (c) => countryName(c, i18n.language) },
      { header: t('registry.col.status'), cell: (c) => (c.retired ? t('registry.retired') : t('registry.active')) },
    ],
    addFields: [
      { id: 'code', label: t('registry.col.code'), help: t('registry.help.code') },
      { id: 'en', label: t('registry.col.nameEn'), help: t('registry.help.nameEn') },
    ],
    add: (v) =>
      data(
        api.POST('/api/registry/countries', { body: { code: v.code ?? '', ...(v.en ? { names: { en: v.en } } : {}) } }),
      ),
    name: (c) => countryName(c, i18n.language),
    rename: (c, name) =>
      data(
        api.PATCH('/api/registry/countries/{code}', {
          params: { path: { code: c.code } },
          body: { names: { [i18n.language.slice(0, 2)]: name } },
        }),
      ),
    retired: (c) => c.retired,
    retire: (c, retired) =>
      data(
        retired
          ? api.POST('/api/registry/countries/{code}/retire', { params: { path: { code: c.code } } })
          : api.POST('/api/registry/countries/{code}/restore', { params: { path: { code: c.code } } }),
      ),
  };

  const regions: PanelConfig<Region> = {
    kind: 'regions',
    list: (query) => data(api.GET('/api/registry/regions', { params: { query } })),
    key: (r) => r.id,
    columns: [
      { header: t('registry.col.id'), cell: (r) => r.id },
      { header: t('registry.col.name'), cell: (r) => r.name },
      { header: t('registry.col.countries'), cell: (r) => r.countries.join(' ') },
    ],
    addFields: [
      { id: 'id', label: t('registry.col.id') },
      { id: 'name', label: t('registry.col.name') },
      { id: 'countries', label: t('registry.col.countries'), help: t('registry.help.list') },
    ],
    add: (v) =>
      data(
        api.POST('/api/registry/regions', {
          body: { id: v.id ?? '', name: v.name ?? '', countries: words(v.countries) },
        }),
      ),
    name: (r) => r.name,
    rename: (r, name) =>
      data(api.PATCH('/api/registry/regions/{id}', { params: { path: { id: r.id } }, body: { name } })),
    retired: (r) => r.retired,
    retire: (r, retired) =>
      data(
        retired
          ? api.POST('/api/registry/regions/{id}/retire', { params: { path: { id: r.id } } })
          : api.POST('/api/registry/regions/{id}/restore', { params: { path: { id: r.id } } }),
      ),
  };

  const bodies: PanelConfig<NationalBody> = {
    kind: 'bodies',
    list: (query) => data(api.GET('/api/registry/bodies', { params: { query } })),
    key: (b) => `${b.country}/${b.id}`,
    columns: [
      { header: t('registry.col.country'), cell: (b) => b.country },
      { header: t('registry.col.id'), cell: (b) => b.id },
      { header: t('registry.col.name'), cell: (b) => b.name },
      {
        header: t('registry.col.holders'),
        cell: (b) => (b.holders === 0 ? <strong className="aoc-unheld">{t('registry.nobody')}</strong> : b.holders),
      },
    ],
    addFields: [
      { id: 'country', label: t('registry.col.country'), help: t('registry.help.code') },
      { id: 'id', label: t('registry.col.id') },
      { id: 'name', label: t('registry.col.name') },
    ],
    add: (v) =>
      data(
        api.POST('/api/registry/bodies', { body: { country: v.country ?? '', id: v.id ?? '', name: v.name ?? '' } }),
      ),
    name: (b) => b.name,
    rename: (b, name) =>
      data(
        api.PATCH('/api/registry/bodies/{country}/{id}', {
          params: { path: { country: b.country, id: b.id } },
          body: { name },
        }),
      ),
    retired: (b) => b.retired,
    retire: (b, retired) => {
      const params = { path: { country: b.country, id: b.id } };
      return data(
        retired
          ? api.POST('/api/registry/bodies/{country}/{id}/retire', { params })
          : api.POST('/api/registry/bodies/{country}/{id}/restore', { params }),
      );
    },
  };

  const organizations: PanelConfig<Organization> = {
    kind: 'organizations',
    list: (query) => data(api.GET('/api/registry/organizations', { params: { query } })),
    key: (o) => o.id,
    columns: [
      { header: t('registry.col.id'), cell: (o) => o.id },
      { header: t('registry.col.name'), cell: (o) => o.name },
      { header: t('registry.col.kind'), cell: (o) => t(`registry.orgKind.${o.kind}`) },
    ],
    addFields: [
      { id: 'id', label: t('registry.col.id') },
      { id: 'name', label: t('registry.col.name') },
      { id: 'kind', label: t('registry.col.kind'), help: t('registry.help.orgKind') },
    ],
    add: (v) =>
      data(
        api.POST('/api/registry/organizations', {
          body: {
            id: v.id ?? '',
            name: v.name ?? '',
            ...(optional(v.kind) ? { kind: optional(v.kind) as Organization['kind'] } : {}),
          } as never,
        }),
      ),
    name: (o) => o.name,
    rename: (o, name) =>
      data(api.PATCH('/api/registry/organizations/{id}', { params: { path: { id: o.id } }, body: { name } })),
    retired: (o) => o.retired,
    retire: (o, retired) =>
      data(
        retired
          ? api.POST('/api/registry/organizations/{id}/retire', { params: { path: { id: o.id } } })
          : api.POST('/api/registry/organizations/{id}/restore', { params: { path: { id: o.id } } }),
      ),
  };

  const seats: PanelConfig<Seat> = {
    kind: 'seats',
    list: (query) => data(api.GET('/api/registry/seats', { params: { query } })),
    key: (s) => s.seat,
    columns: [
      { header: t('registry.col.seat'), cell: (s) => s.seat },
      { header: t('registry.col.name'), cell: (s) => s.name },
      {
        header: t('registry.col.holders'),
        cell: (s) => (s.holders === 0 ? <strong className="aoc-unheld">{t('registry.nobody')}</strong> : s.holders),
      },
    ],
    addFields: [
      { id: 'seat', label: t('registry.col.seat') },
      { id: 'name', label: t('registry.col.name') },
    ],
    add: (v) => data(api.POST('/api/registry/seats', { body: { seat: v.seat ?? '', name: v.name ?? '' } })),
    name: (s) => s.name,
    rename: (s, name) =>
      data(api.PATCH('/api/registry/seats/{id}', { params: { path: { id: s.seat } }, body: { name } })),
    retired: (s) => s.retired,
    retire: (s, retired) =>
      data(
        retired
          ? api.POST('/api/registry/seats/{id}/retire', { params: { path: { id: s.seat } } })
          : api.POST('/api/registry/seats/{id}/restore', { params: { path: { id: s.seat } } }),
      ),
  };

  const users: PanelConfig<RegistryUser> = {
    kind: 'users',
    list: (query) =>
      data(
        api.GET('/api/registry/users', {
          params: { query: { ...query, ...(onlyUnknownScope ? { scopeUnknown: true } : {}) } },
        }),
      ),
    filter: { onlyUnknownScope },
    key: (u) => u.id,
    columns: [
      { header: t('registry.col.id'), cell: (u) => u.id },
      { header: t('registry.col.name'), cell: (u) => u.name ?? '—' },
      { header: t('registry.col.email'), cell: (u) => u.email ?? '—' },
      { header: t('registry.col.roles'), cell: (u) => u.roles.map((r) => t(`roles.${r}`)).join(', ') },
      {
        header: t('registry.col.scope'),
        cell: (u) => (
          <>
            {[u.country, u.body, u.seat, u.org].filter(Boolean).join(' / ') || '—'}
            {u.scopeUnknown && <strong className="aoc-unheld"> {t('registry.scopeUnknown')}</strong>}
          </>
        ),
      },
      {
        header: t('registry.col.signedIn'),
        cell: (u) => (u.firstSeenAt ? t('registry.yes') : t('registry.notYet')),
      },
    ],
    addFields: [
      { id: 'name', label: t('registry.col.name') },
      { id: 'email', label: t('registry.col.email') },
      { id: 'roles', label: t('registry.col.roles'), help: t('registry.help.roles') },
      { id: 'country', label: t('registry.col.country') },
      { id: 'body', label: t('registry.col.body') },
      { id: 'seat', label: t('registry.col.seat') },
      { id: 'org', label: t('registry.col.org') },
      { id: 'id', label: t('registry.col.sub'), help: t('registry.help.sub') },
    ],
    add: (v) =>
      data(
        api.POST('/api/registry/users', {
          body: {
            name: v.name ?? '',
            email: v.email ?? '',
            roles: words(v.roles) as RegistryUser['roles'],
            ...Object.fromEntries(
              (['id', 'country', 'body', 'seat', 'org'] as const).flatMap((k) =>
                optional(v[k]) ? [[k, optional(v[k])]] : [],
              ),
            ),
          },
        }),
      ),
    name: (u) => u.name ?? '',
    rename: (u, name) =>
      data(api.PATCH('/api/registry/users/{id}', { params: { path: { id: u.id } }, body: { name } })),
    retired: (u) => u.retired,
    retire: (u, retired) =>
      data(
        retired
          ? api.POST('/api/registry/users/{id}/retire', { params: { path: { id: u.id } } })
          : api.POST('/api/registry/users/{id}/restore', { params: { path: { id: u.id } } }),
      ),
  };

  const tabs = [
    ['bodies', bodies],
    ['seats', seats],
    ['organizations', organizations],
    ['users', users],
    ['countries', countries],
    ['regions', regions],
  ] as const;

  const selected = Math.max(
    0,
    tabs.findIndex(([kind]) => kind === params.get('tab')),
  );

  return (
    <section aria-labelledby="registry-title">
      <p>
        <RouterLink to="/admin">{t('registry.back')}</RouterLink>
      </p>
      <h1 id="registry-title">{t('registry.title')}</h1>
      <p>{t('registry.intro')}</p>
      {onlyUnknownScope && (
        <p>
          {t('registry.onlyUnknownScope')}{' '}
          <RouterLink to="/admin/registry?tab=users">{t('registry.showAllUsers')}</RouterLink>
        </p>
      )}
      <Tabs defaultSelectedIndex={selected}>
        <TabList aria-label={t('registry.title')} contained>
          {tabs.map(([kind]) => (
            <Tab key={kind}>{t(`registry.kind.${kind}`)}</Tab>
          ))}
        </TabList>
        <TabPanels>
          {tabs.map(([kind, config]) => (
            <TabPanel key={kind}>
              <RegistryPanel config={config as PanelConfig<unknown>} title={t(`registry.kind.${kind}`)} />
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    </section>
  );
}
