import { lookup, promises as dns, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook may not reach unless the operator allows it: loopback,
 * private, shared, link-local (cloud metadata services live there),
 * multicast and reserved ranges. Otherwise any store could make the server
 * call into the network it runs in. IPv4-mapped IPv6 addresses are checked
 * as the IPv4 addresses they are.
 */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export class PrivateNetworkError extends Error {
  readonly code = 'EPRIVATENETWORK';
}

const refusal = (host: string, address: string) =>
  new PrivateNetworkError(
    `${host === address ? address : `${host} (${address})`} is in a private network; the server refuses to send there unless WEBHOOKS_ALLOW_PRIVATE_NETWORKS is true`,
  );

/** The refusal for a name whose addresses include a private one: one is enough, since any of them may be the one connected to. */
function refusalOf(hostname: string, addresses: readonly LookupAddress[]): PrivateNetworkError | undefined {
  const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
  return blocked && refusal(hostname, blocked.address);
}

/** `localhost` and names under it are loopback by definition (RFC 6761, 6.3), whatever a resolver says of them. */
const isLoopbackName = (host: string) => /(^|\.)localhost$/i.test(host.replace(/\.$/, ''));

/** A URL's host as an address or a name: an IPv6 address without its brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Refuses a URL whose host is itself a private address or a loopback name; other names are checked when they resolve. */
export function checkLiteralHost(url: URL): void {
  const host = hostOf(url);
  if (isPrivateAddress(host)) throw refusal(host, host);
  if (isLoopbackName(host)) throw refusal(host, 'loopback');
}

/** Every address a name resolves to. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system's resolver (the hosts file, then DNS), the one webhook requests connect through. */
export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true });

/**
 * Refuses a webhook target in a private network when it is registered: by its
 * address, or by the addresses its name resolves to now. A name that does not
 * resolve yet is let through: delivery checks the address of every connection
 * again (`publicOnlyLookup`), which also catches a name that moves to a
 * private address later.
 */
export async function checkTarget(url: URL, resolve: HostResolver): Promise<void> {
  checkLiteralHost(url);
  const host = hostOf(url);
  if (isIP(host) !== 0) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return;
  }
  const refused = refusalOf(host, addresses);
  if (refused) throw refused;
}

/**
 * Name resolution for webhook requests that fails when the name resolves to
 * a private address. The connection goes to the address checked here, so a
 * name cannot resolve to a public address for the check and a private one
 * for the connection.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = refusalOf(hostname, addresses);
    if (refused) return callback(refused, '');
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
};
