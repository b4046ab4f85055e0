import type { ClaimPaths } from '@aoc/config/config.schema';
import { ROLES, type Actor, type Role } from '@aoc/domain/actor';
import { COUNTRY, InvalidTokenCode, InvalidTokenError, optionalString } from './jwt';

/** Who signed in: the actor, and what the users directory keeps of them. */
export interface Identity {
  actor: Actor;
  name?: string;
  email?: string;
  /** The provider vouches for the e-mail (`email_verified`): only then may it join a user registered beforehand (DOMAIN §12). */
  emailVerified?: boolean;
}

/** The value at a dotted path (`realm_access.roles`) of a claims object; undefined if any step is missing. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

const MAX_ROLES = 100;

/**
 * The identity of an OpenID Connect token's verified claims, read at the configured paths.
 * Roles this service does not know are ignored (Keycloak adds `offline_access`,
 * `default-roles-<realm>` and the like); a user with none of ours is signed in but may do nothing.
 * A scope claim (country, body, seat, org) of the wrong shape refuses the token.
 */
export function identityOf(claims: Record<string, unknown>, paths: ClaimPaths): Identity {
  const sub = optionalString(claims.sub, 'sub');
  if (!sub) throw new InvalidTokenError(InvalidTokenCode.ClaimMissing, 'claim "sub" is required', 'sub');
  const rawRoles = claimAt(claims, paths.roles) ?? [];
  const roleList = typeof rawRoles === 'string' ? rawRoles.split(' ') : rawRoles;
  if (!Array.isArray(roleList) || roleList.length > MAX_ROLES) {
    throw new InvalidTokenError(
      InvalidTokenCode.ClaimInvalid,
      `claim "${paths.roles}" must be an array of role names`,
      paths.roles,
    );
  }
  const roles = [...new Set(roleList.filter((r): r is Role => ROLES.includes(r as Role)))];
  const scalar = (path: string, pattern?: RegExp) => {
    const value = claimAt(claims, path);
    // Entra ID and others may send a one-element array for a multi-valued attribute.
    return optionalString(Array.isArray(value) && value.length === 1 ? value[0] : value, path, pattern);
  };
  const actor: Actor = {
    sub,
    roles,
    country: scalar(paths.country, COUNTRY),
    body: scalar(paths.body),
    seat: scalar(paths.seat),
    org: scalar(paths.org),
  };
  let name: string | undefined;
  let email: string | undefined;
  // Name and e-mail only feed the directory: a malformed one is dropped, not a reason to refuse.
  try {
    name = scalar(paths.name);
  } catch {
    name = undefined;
  }
  try {
    email = scalar(paths.email);
  } catch {
    email = undefined;
  }
  return { actor, name, email, ...(email && claims.email_verified === true ? { emailVerified: true } : {}) };
}
