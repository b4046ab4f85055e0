import { distance } from 'fastest-levenshtein';
import type { Actor } from './actor';
import type { FieldProblem } from './plan-content.rules';
import { type PlanContent, participatingCountries } from './plan.types';

/** The registry's lists (DOMAIN §12), as they appear in `/api/registry/{kind}`. */
export const REGISTRY_KINDS = ['countries', 'regions', 'bodies', 'organizations', 'seats', 'users'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/** The kinds of organization: accredited civil society, or an international or regional partner. */
export const ORGANIZATION_KINDS = ['civil_society', 'international', 'regional'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The six UN languages a country's name is kept in. */
export const COUNTRY_NAME_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/** How many nearest known values a refusal names. */
export const NEAREST_COUNT = 3;

/**
 * Up to `count` known values nearest to `value` by edit distance (case-insensitive), nearest
 * first, ties in the known list's order. A value within half its length is "near"; when none is,
 * the nearest ones are named anyway, so that the refusal always shows what is known.
 */
export function nearestValues(value: string, known: Iterable<string>, count = NEAREST_COUNT): string[] {
  const needle = value.toLowerCase();
  return [...new Set(known)]
    .map((k, i) => ({ k, i, d: distance(needle, k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, count)
    .map((x) => x.k);
}

/** What a plan may refer to: the registry's entries that are not retired. */
export interface KnownReferences {
  countries: ReadonlySet<string>;
  /** Body ids of each country. */
  bodies: ReadonlyMap<string, ReadonlySet<string>>;
  organizations: ReadonlySet<string>;
}

/** A reference the registry doesn't know: the field, the value, and the nearest known values. */
export interface UnknownReference extends FieldProblem {
  value: string;
  nearest: string[];
}

/** A value the registry doesn't know, as a problem of its field: says what it is and the nearest known values. */
export function unknownReference(
  field: string,
  what: string,
  value: string,
  known: Iterable<string>,
): UnknownReference {
  const nearest = nearestValues(value, known);
  const hint = nearest.length > 0 ? `; nearest known: ${nearest.join(', ')}` : '; the registry has none';
  return { field, value, nearest, message: `${what} "${value}" is not in the registry${hint}` };
}

/**
 * The countries, consultee bodies and partner organizations of a plan that the registry doesn't
 * know (DOMAIN §12), each named by its field. Values in `kept` (what the plan held already, which
 * may since have been retired) are accepted as they are.
 */
export function unknownReferences(
  content: Pick<PlanContent, 'kind' | 'country' | 'countries' | 'consultees' | 'partners'>,
  known: KnownReferences,
  kept?: Pick<PlanContent, 'kind' | 'country' | 'countries' | 'consultees' | 'partners'>,
): UnknownReference[] {
  const problems: UnknownReference[] = [];
  const keptCountries = new Set(kept ? participatingCountries(kept) : []);
  const countryKnown = (c: string) => known.countries.has(c) || keptCountries.has(c);
  if (content.kind === 'national_plan') {
    if (content.country && !countryKnown(content.country)) {
      problems.push(unknownReference('country', 'country', content.country, known.countries));
    }
  } else {
    (content.countries ?? []).forEach((c, i) => {
      if (!countryKnown(c)) problems.push(unknownReference(`countries[${i}]`, 'country', c, known.countries));
    });
  }
  for (const [country, bodies] of Object.entries(content.consultees ?? {})) {
    const ofCountry = known.bodies.get(country) ?? new Set<string>();
    const keptBodies = new Set(kept?.consultees?.[country] ?? []);
    bodies.forEach((body, i) => {
      if (!ofCountry.has(body) && !keptBodies.has(body)) {
        problems.push(unknownReference(`consultees.${country}[${i}]`, `body of ${country}`, body, ofCountry));
      }
    });
  }
  const keptPartners = new Set(kept?.partners ?? []);
  (content.partners ?? []).forEach((p, i) => {
    if (!known.organizations.has(p) && !keptPartners.has(p)) {
      problems.push(unknownReference(`partners[${i}]`, 'partner organization', p, known.organizations));
    }
  });
  return problems;
}

/** A body a plan consults, and whether anybody holds it. */
export interface ConsultedBody {
  country: string;
  body: string;
}

/** The consultee bodies of a plan that no user holds (DOMAIN §12: the submitter is warned, the admins told). */
export function unheldBodies(
  content: Pick<PlanContent, 'kind' | 'country' | 'countries' | 'consultees'>,
  holders: (body: ConsultedBody) => number,
): ConsultedBody[] {
  return participatingCountries(content).flatMap((country) =>
    (content.consultees[country] ?? []).map((body) => ({ country, body })).filter((b) => holders(b) === 0),
  );
}

/** The parts of an actor's scope, as the registry knows them. */
export interface ScopeClaims {
  country?: string;
  body?: string;
  seat?: string;
  org?: string;
}

/**
 * The parts of a token's scope the registry doesn't know (DOMAIN §12), by claim name: a user
 * claiming one holds no task until an admin resolves it. Empty when the whole scope is known.
 */
export function unknownScope(
  scope: ScopeClaims,
  isKnown: {
    country: (c: string) => boolean;
    body: (c: string, b: string) => boolean;
    seat: (s: string) => boolean;
    org: (o: string) => boolean;
  },
): (keyof ScopeClaims)[] {
  const unknownParts: (keyof ScopeClaims)[] = [];
  if (scope.country && !isKnown.country(scope.country)) unknownParts.push('country');
  if (scope.body && !(scope.country && isKnown.body(scope.country, scope.body))) unknownParts.push('body');
  if (scope.seat && !isKnown.seat(scope.seat)) unknownParts.push('seat');
  if (scope.org && !isKnown.org(scope.org)) unknownParts.push('org');
  return unknownParts;
}

/** An actor whose scope the registry doesn't know holds nothing: its roles stay, its scope goes. */
export function withoutUnknownScope(actor: Actor, unknownParts: readonly (keyof ScopeClaims)[]): Actor {
  if (unknownParts.length === 0) return actor;
  return { sub: actor.sub, roles: actor.roles };
}
