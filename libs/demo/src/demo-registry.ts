import type { ApiClient } from './api-client';
import { DEMO_SEATS, DEMO_USERS } from './demo-users';

/**
 * The demo's registry (DOMAIN §12): what the demo plans and the demo users name. The countries
 * come with the database (every ISO 3166-1 country); the rest is added here through the API as
 * `admin-ops`, and a second run finds it all present.
 */

/** South-Eastern Europe: the 14 participants of the South-East European Cooperation Process. */
export const SOUTH_EASTERN_EUROPE = [
  'AL', 'BA', 'BG', 'HR', 'CY', 'GR', 'XK', 'MD', 'ME', 'MK', 'RO', 'RS', 'SI', 'TR',
]; // prettier-ignore

/** The Mediterranean: the states on its shores, and Palestine. */
export const MEDITERRANEAN = [
  'AL', 'BA', 'CY', 'DZ', 'EG', 'ES', 'FR', 'GR', 'HR', 'IL', 'IT', 'LB', 'LY', 'MA', 'MC', 'ME', 'MT', 'PS', 'SI', 'SY', 'TN', 'TR',
]; // prettier-ignore

export const DEMO_REGIONS = [
  { id: 'south-eastern-europe', name: 'South-Eastern Europe', countries: SOUTH_EASTERN_EUROPE },
  { id: 'mediterranean', name: 'The Mediterranean', countries: MEDITERRANEAN },
];

export const DEMO_BODIES = [
  { country: 'PT', id: 'ministry-education', name: 'Ministry of Education, Science and Innovation' },
  { country: 'PT', id: 'ministry-culture', name: 'Ministry of Culture' },
  { country: 'PT', id: 'high-commission-migration', name: 'Agency for Integration, Migration and Asylum' },
  { country: 'PT', id: 'youth-institute', name: 'Portuguese Institute for Sport and Youth' },
  { country: 'AL', id: 'ministry-foreign-affairs', name: 'Ministry for Europe and Foreign Affairs' },
  { country: 'BA', id: 'ministry-civil-affairs', name: 'Ministry of Civil Affairs' },
  { country: 'HR', id: 'ministry-culture', name: 'Ministry of Culture and Media' },
];

export const DEMO_ORGANIZATIONS = [
  { id: 'youth-network', name: 'European Youth Network for Dialogue', kind: 'civil_society' },
  { id: 'media-watch', name: 'Media Watch Balkans', kind: 'civil_society' },
  { id: 'portuguese-youth-council', name: 'Portuguese Youth Council', kind: 'civil_society' },
  { id: 'regional-cooperation-council', name: 'Regional Cooperation Council', kind: 'regional' },
  { id: 'unesco', name: 'United Nations Educational, Scientific and Cultural Organization', kind: 'international' },
];

/** A user registered before their first sign-in: the Portuguese agency's focal point, who holds its body. */
export const DEMO_PREREGISTERED = {
  id: 'consultee-pt-migration',
  name: 'Rui Almeida',
  email: 'rui.almeida@example.org',
  roles: ['consultee'],
  country: 'PT',
  body: 'high-commission-migration',
};

type Log = (line: string) => void;

async function add(api: ApiClient, log: Log, path: string, body: object, label: string): Promise<void> {
  const response = await api.request('admin-ops', 'POST', path, body);
  if (response.status === 201) log(`${label} added`);
  else if (response.status !== 409) {
    throw new Error(`adding ${label} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

/** Fills the registry with the demo's entries and registers the demo users (idempotent). */
export async function seedDemoRegistry(api: ApiClient, log: Log, options = { users: true }): Promise<void> {
  for (const r of DEMO_REGIONS) await add(api, log, '/registry/regions', r, `region ${r.name}`);
  for (const b of DEMO_BODIES) await add(api, log, '/registry/bodies', b, `body ${b.country}/${b.id}`);
  for (const o of DEMO_ORGANIZATIONS) await add(api, log, '/registry/organizations', o, `organization ${o.id}`);
  for (const s of DEMO_SEATS) await add(api, log, '/registry/seats', s, `seat ${s.seat} (${s.name})`);
  if (!options.users) return;
  // The demo users, so that the bodies and seats show their holders before anyone signs in.
  for (const [id, actor] of Object.entries(DEMO_USERS)) {
    const { sub: _sub, ...scope } = actor;
    await add(api, log, '/registry/users', { id, name: id, email: `${id}@example.org`, ...scope }, `user ${id}`);
  }
  await add(api, log, '/registry/users', DEMO_PREREGISTERED, `user ${DEMO_PREREGISTERED.id} (before sign-in)`);
}

/** Adds the demo's Group of Friends seats through `POST /gof-seats`, leaving those present: for the tests that need only the seats. */
export async function seedSeats(api: ApiClient, log: (line: string) => void): Promise<void> {
  for (const seat of DEMO_SEATS) {
    const response = await api.request('admin-ops', 'POST', '/gof-seats', seat);
    if (response.status === 201) log(`seat ${seat.seat} (${seat.name}) added`);
    else if (response.status === 409) log(`seat ${seat.seat} already present`);
    else throw new Error(`adding seat ${seat.seat} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
}
