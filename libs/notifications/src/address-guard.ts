import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may point (SSRF): http(s) only, and never, by default, to an address of the
 * machine or its networks: loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast, reserved, documentation and translation ranges (6to4, Teredo, NAT64, IPv4-mapped
 * and IPv4-compatible IPv6 forms of them included), whichever way the address is written
 * (`127.1`, `0x7f000001`, `[::ffff:127.0.0.1]`). Addresses are parsed and classified by ipaddr.js.
 * The host name is resolved and every address checked, at registration and again at each
 * delivery, on the very addresses the request connects to (so that a name that re-resolves to an
 * internal address, DNS rebinding, is refused too).
 *
 * The policy (WEBHOOK_PRIVATE_ADDRESSES): `refuse` (the default, everywhere), `loopback` (this
 * machine's loopback addresses only, for a local receiver: what `npm start` sets) or `allow`.
 */
export type WebhookAddressPolicy = 'refuse' | 'loopback' | 'allow';

/** IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated), which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The ipaddr.js range of an address (IPv4-mapped IPv6 judged by its IPv4 part); undefined when it is not an IP address. */
function rangeOf(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  if (range === 'unicast' && parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) {
    return 'ipv4Compatible';
  }
  return range;
}

/** Whether an IP address is internal (see above); anything that is not an IP address counts as internal. */
export function isInternalAddress(address: string): boolean {
  return rangeOf(address) !== 'unicast';
}

/** Whether the policy lets a webhook connect to this IP address. */
export function isAllowedAddress(address: string, policy: WebhookAddressPolicy): boolean {
  if (policy === 'allow') return true;
  const range = rangeOf(address);
  return range === 'unicast' || (policy === 'loopback' && range === 'loopback');
}

const refusalOf = (host: string, refused: string[], policy: WebhookAddressPolicy) =>
  `the host ${host} resolves to an internal address (${refused.join(', ') || 'none'}): webhooks may only call public addresses` +
  (policy === 'loopback' ? ' or this machine’s loopback' : '') +
  ' (WEBHOOK_PRIVATE_ADDRESSES)';

export class AddressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefusedError';
  }
}

/** The URL's problem as a webhook target, without resolving: scheme, credentials, form. */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must be an http:// or https:// URL';
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (url.hash) return 'url must not have a #fragment';
  return undefined;
}

type Lookup = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** Resolves a host name to all its addresses (IP literals are returned as they are). */
export function resolveAll(hostname: string, lookup: Lookup = dnsLookup as unknown as Lookup): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return Promise.resolve([bare]);
  return new Promise((resolve, reject) =>
    lookup(bare, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

/**
 * Checks a webhook URL under the policy: resolves its host and refuses it when any address is
 * not allowed. Throws AddressRefusedError saying which; a name that does not resolve is refused
 * too (except under `allow`, which checks nothing).
 */
export async function assertAllowedUrl(text: string, policy: WebhookAddressPolicy = 'refuse'): Promise<void> {
  const problem = webhookUrlProblem(text);
  if (problem) throw new AddressRefusedError(problem);
  if (policy === 'allow') return;
  const { hostname } = new URL(text);
  let addresses: string[];
  try {
    addresses = await resolveAll(hostname);
  } catch (error) {
    throw new AddressRefusedError(
      `the host ${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const refused = addresses.filter((a) => !isAllowedAddress(a, policy));
  if (addresses.length === 0 || refused.length > 0) throw new AddressRefusedError(refusalOf(hostname, refused, policy));
}

/**
 * A `lookup` for node:http(s) that connects only to addresses the policy allows: every address
 * the name resolves to is checked, and the request fails when one is not. Used at delivery time,
 * so the addresses checked are the ones connected to.
 */
export function guardedLookup(policy: WebhookAddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.filter((a) => !isAllowedAddress(a.address, policy)).map((a) => a.address);
      if (addresses.length === 0 || refused.length > 0) {
        const refusal = new AddressRefusedError(refusalOf(hostname, refused, policy)) as NodeJS.ErrnoException;
        refusal.code = 'EADDRREFUSED';
        return callback(refusal, '', 0);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
