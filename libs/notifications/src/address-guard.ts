import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may point (SSRF): http(s) only, and, when private addresses are refused (the
 * production default), never to an address of the machine or its networks: loopback, private,
 * link-local, carrier-grade NAT, unique-local, multicast, reserved and documentation ranges,
 * IPv4-mapped IPv6 forms of them included. The host name is resolved and every address checked,
 * at registration and again at each delivery, on the very addresses the request connects to
 * (so that a name that re-resolves to an internal address, DNS rebinding, is refused too).
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is internal (see above); an IPv4-mapped IPv6 address is judged by its IPv4 part. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 0) return true;
  return INTERNAL.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

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
 * Checks a webhook URL where private addresses are refused: resolves its host and refuses it
 * when any address is internal. Throws AddressRefusedError saying which; a name that does not
 * resolve is refused too.
 */
export async function assertPublicUrl(text: string): Promise<void> {
  const problem = webhookUrlProblem(text);
  if (problem) throw new AddressRefusedError(problem);
  const { hostname } = new URL(text);
  let addresses: string[];
  try {
    addresses = await resolveAll(hostname);
  } catch (error) {
    throw new AddressRefusedError(
      `the host ${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const internal = addresses.filter(isInternalAddress);
  if (addresses.length === 0 || internal.length > 0) {
    throw new AddressRefusedError(
      `the host ${hostname} resolves to an internal address (${internal.join(', ') || 'none'}): webhooks may only call public addresses`,
    );
  }
}

/**
 * A `lookup` for node:http(s) that connects only to public addresses: every address the name
 * resolves to is checked, and the request fails when one is internal. Used at delivery time,
 * so the addresses checked are the ones connected to.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const internal = addresses.filter((a) => isInternalAddress(a.address));
    if (addresses.length === 0 || internal.length > 0) {
      const refused = new AddressRefusedError(
        `the host ${hostname} resolves to an internal address (${internal.map((a) => a.address).join(', ') || 'none'})`,
      ) as NodeJS.ErrnoException;
      refused.code = 'EADDRREFUSED';
      return callback(refused, '', 0);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
