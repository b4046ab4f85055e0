import type { Actor } from '@aoc/domain/actor';

/**
 * The demo cast: one user of every kind, for a national plan of Portugal and a regional
 * strategy of Albania, Bosnia and Herzegovina and Croatia. Tokens are minted for them by
 * `npm run token -- <user>`.
 */
export const DEMO_USERS = {
  'submitter-pt': { sub: 'submitter-pt', roles: ['submitter'], country: 'PT' },
  'consultee-pt-education': {
    sub: 'consultee-pt-education',
    roles: ['consultee'],
    country: 'PT',
    body: 'ministry-education',
  },
  'consultee-pt-culture': {
    sub: 'consultee-pt-culture',
    roles: ['consultee'],
    country: 'PT',
    body: 'ministry-culture',
  },
  'coordinator-see': { sub: 'coordinator-see', roles: ['submitter'], country: 'AL' },
  'consultee-al-foreign': {
    sub: 'consultee-al-foreign',
    roles: ['consultee'],
    country: 'AL',
    body: 'ministry-foreign-affairs',
  },
  'consultee-ba-civil': {
    sub: 'consultee-ba-civil',
    roles: ['consultee'],
    country: 'BA',
    body: 'ministry-civil-affairs',
  },
  'consultee-hr-culture': {
    sub: 'consultee-hr-culture',
    roles: ['consultee'],
    country: 'HR',
    body: 'ministry-culture',
  },
  'cso-youth-network': { sub: 'cso-youth-network', roles: ['cso'], org: 'youth-network' },
  'cso-media-watch': { sub: 'cso-media-watch', roles: ['cso'], org: 'media-watch' },
  'secretariat-anna': { sub: 'secretariat-anna', roles: ['secretariat'] },
  'secretariat-omar': { sub: 'secretariat-omar', roles: ['secretariat'] },
  'gof-es': { sub: 'gof-es', roles: ['gof_member'], seat: 'ES' },
  'gof-tr': { sub: 'gof-tr', roles: ['gof_member'], seat: 'TR' },
  'gof-unesco': { sub: 'gof-unesco', roles: ['gof_member'], seat: 'UNESCO' },
  'admin-ops': { sub: 'admin-ops', roles: ['admin'] },
} satisfies Record<string, Actor>;

export type DemoUser = keyof typeof DEMO_USERS;

export const DEMO_SEATS = [
  { seat: 'ES', name: 'Spain' },
  { seat: 'TR', name: 'Türkiye' },
  { seat: 'UNESCO', name: 'United Nations Educational, Scientific and Cultural Organization' },
];
