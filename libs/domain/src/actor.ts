/** Who is acting (DOMAIN §2): the verified claims of a bearer token. */
export const ROLES = ['submitter', 'consultee', 'cso', 'secretariat', 'gof_member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  sub: string;
  roles: Role[];
  /** ISO 3166 alpha-2; scopes submitters and consultees. */
  country?: string;
  /** Consultee body id within the country. */
  body?: string;
  /** Group of Friends seat. */
  seat?: string;
  /** Civil society organization. */
  org?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** The actor the workflow itself acts as (deadlines, silence, no_response). */
export const SYSTEM_ACTOR = 'system';
