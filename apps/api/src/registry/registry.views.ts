import type {
  CountryEntity,
  GofSeatEntity,
  NationalBodyEntity,
  OrganizationEntity,
  RegionEntity,
} from '@aoc/persistence';

/** The registry's entries as the API answers them (DOMAIN §12). */

export const iso = (d: Date) => d.toISOString();
const retired = (e: { retiredAt: Date | null; createdAt: Date }) => ({
  retired: e.retiredAt !== null,
  createdAt: iso(e.createdAt),
});

export const countryView = (c: CountryEntity) => ({
  code: c.code,
  names: c.names as Record<string, string>,
  ...retired(c),
});
export const regionView = (r: RegionEntity) => ({ id: r.id, name: r.name, countries: r.countries, ...retired(r) });
export const bodyView = (b: NationalBodyEntity & { holders?: number }) => ({
  country: b.country,
  id: b.id,
  name: b.name,
  holders: b.holders ?? 0,
  ...retired(b),
});
export const organizationView = (o: OrganizationEntity) => ({ id: o.id, name: o.name, kind: o.kind, ...retired(o) });
export const seatView = (s: GofSeatEntity & { holders?: number }) => ({
  seat: s.seat,
  name: s.name,
  holders: s.holders ?? 0,
  ...retired(s),
});
