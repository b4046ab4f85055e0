import { createHmac } from 'node:crypto';
import { DEMO_USERS } from '@aoc/demo/demo-users';
import { signToken } from '@aoc/auth/jwt';
import { DEV_JWT_SECRET } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';

/**
 * The rows of the matrix: who calls. Every plan of the matrix is a National Plan of Portugal
 * written by `submitter-pt`, except the regional strategy (AL, BA, HR) of `coordinator-see`.
 * The `owner+…` rows are `submitter-pt` (the same `sub`) holding further roles.
 */
export const ACTORS = {
  'submitter-pt': DEMO_USERS['submitter-pt'],
  'owner+secretariat': { sub: 'submitter-pt', roles: ['submitter', 'secretariat'], country: 'PT' },
  'owner+consultee+gof': {
    sub: 'submitter-pt',
    roles: ['submitter', 'consultee', 'gof_member'],
    country: 'PT',
    body: 'ministry-education',
    seat: 'ES',
  },
  'submitter-pt-2': { sub: 'submitter-pt-2', roles: ['submitter'], country: 'PT' },
  'coordinator-see': DEMO_USERS['coordinator-see'],
  'submitter-unscoped': { sub: 'submitter-unscoped', roles: ['submitter'] },
  'consultee-pt-education': DEMO_USERS['consultee-pt-education'],
  'consultee-pt-education-2': {
    sub: 'consultee-pt-education-2',
    roles: ['consultee'],
    country: 'PT',
    body: 'ministry-education',
  },
  'consultee-pt-culture': DEMO_USERS['consultee-pt-culture'],
  'consultee-es-education': {
    sub: 'consultee-es-education',
    roles: ['consultee'],
    country: 'ES',
    body: 'ministry-education',
  },
  'consultee-al-foreign': DEMO_USERS['consultee-al-foreign'],
  'consultee-ba-civil': DEMO_USERS['consultee-ba-civil'],
  'cso-youth-network': DEMO_USERS['cso-youth-network'],
  'secretariat-anna': DEMO_USERS['secretariat-anna'],
  'secretariat-omar': DEMO_USERS['secretariat-omar'],
  'gof-es': DEMO_USERS['gof-es'],
  'gof-tr': DEMO_USERS['gof-tr'],
  'admin-ops': DEMO_USERS['admin-ops'],
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

/** Rows without a valid token: they must get 401 everywhere but on the public health check. */
export const TOKENLESS = ['anonymous', 'forged-admin', 'expired-admin', 'garbage-token'] as const;
export type TokenlessName = (typeof TOKENLESS)[number];
export type RowName = ActorName | TokenlessName;

export const ROW_NAMES = [...TOKENLESS, ...(Object.keys(ACTORS) as ActorName[])] as readonly RowName[];

/** A JWT for the admin, signed with the right secret but expired a minute ago (signToken refuses to make one). */
function expiredAdminToken(): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...DEMO_USERS['admin-ops'], iat: now - 3600, exp: now - 60 })}`;
  return `${head}.${createHmac('sha256', DEV_JWT_SECRET).update(head).digest('base64url')}`;
}

/** The Authorization header value of a row (or of any other actor), or undefined for none. */
export async function bearerOf(row: RowName | Actor): Promise<string | undefined> {
  if (typeof row !== 'string') return `Bearer ${await signToken(row, DEV_JWT_SECRET)}`;
  switch (row) {
    case 'anonymous':
      return undefined;
    case 'forged-admin':
      return `Bearer ${await signToken(DEMO_USERS['admin-ops'], 'another-secret-of-enough-length-to-sign')}`;
    case 'expired-admin':
      return `Bearer ${expiredAdminToken()}`;
    case 'garbage-token':
      return 'Bearer not.a.jwt';
    default:
      return `Bearer ${await signToken(ACTORS[row], DEV_JWT_SECRET)}`;
  }
}

export const isActor = (row: RowName): row is ActorName => row in ACTORS;
