import { useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';

/** The registry of organisations (DOMAIN §12) as the web app reads it: the generated client's shapes. */
export type Country = Schemas['CountryResponse'];
export type Region = Schemas['RegionResponse'];
export type NationalBody = Schemas['BodyResponse'];
export type Organization = Schemas['OrganizationResponse'];
export type Seat = Schemas['SeatResponse'];
export type RegistryUser = Schemas['UserResponse'];
export type RegistryKind = 'countries' | 'regions' | 'bodies' | 'organizations' | 'seats' | 'users';

/** The query keys: ['registry', kind, …]; a write refreshes every one of its kind. */
export const registryKey = (kind: RegistryKind, ...rest: unknown[]) => ['registry', kind, ...rest];

const PAGE = 100;

/** Every page of a list, for the pickers (the lists are hundreds long at most). */
async function allPages<T>(page: (n: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let n = 1; n <= 50; n++) {
    const got = await page(n);
    items.push(...got.items);
    if (items.length >= got.total || got.items.length === 0) break;
  }
  return items;
}

/** The countries a plan may name (not retired). */
export function useCountries() {
  return useQuery({
    queryKey: registryKey('countries', 'all'),
    queryFn: () =>
      allPages((page) => data(api.GET('/api/registry/countries', { params: { query: { page, pageSize: PAGE } } }))),
    staleTime: 5 * 60_000,
  });
}

/** The regions, for choosing a strategy's countries at once. */
export function useRegions() {
  return useQuery({
    queryKey: registryKey('regions', 'all'),
    queryFn: () =>
      allPages((page) => data(api.GET('/api/registry/regions', { params: { query: { page, pageSize: PAGE } } }))),
    staleTime: 60_000,
  });
}

/** The national bodies of a country that a plan may consult. */
export function useBodies(country: string | undefined) {
  return useQuery({
    queryKey: registryKey('bodies', 'of', country),
    queryFn: () =>
      allPages((page) =>
        data(api.GET('/api/registry/bodies', { params: { query: { page, pageSize: PAGE, country: country! } } })),
      ),
    enabled: Boolean(country),
    staleTime: 60_000,
  });
}

/** The organizations a plan may name as partners. */
export function useOrganizations() {
  return useQuery({
    queryKey: registryKey('organizations', 'all'),
    queryFn: () =>
      allPages((page) => data(api.GET('/api/registry/organizations', { params: { query: { page, pageSize: PAGE } } }))),
    staleTime: 60_000,
  });
}

/** A country's name in the page's language (one of the six; English otherwise). */
export const countryName = (c: Country, language: string): string =>
  (c.names as Record<string, string>)[language.slice(0, 2)] ?? c.names.en;
