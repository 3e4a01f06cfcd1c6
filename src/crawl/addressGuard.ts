// Refuses fetches to addresses a crawler on a server must never reach: loopback, private,
// link-local, unique-local, multicast and the IPv6 forms that embed an IPv4 address.
import net from 'node:net';
import dns from 'node:dns';

const blockedV4 = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blockedV4.addSubnet(address, prefix, 'ipv4');

const blockedV6 = new net.BlockList();
for (const [address, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
  ['2001:db8::', 32], ['100::', 64],
] as const) blockedV6.addSubnet(address, prefix, 'ipv6');

/** IPv6 prefixes whose low 32 bits carry an IPv4 address: mapped, compatible, NAT64, 6to4 (bits 16–48). */
function embeddedIPv4(address: string): string | null {
  const groups = expandIPv6(address);
  if (!groups) return null;
  const fromLow = () => `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return fromLow(); // ::ffff:a.b.c.d
  if (zeros(0, 6)) return fromLow(); // ::a.b.c.d (deprecated compatible form)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return fromLow(); // 64:ff9b::/96
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups[2] === 1) return fromLow(); // 64:ff9b:1::/48
  if (groups[0] === 0x2002) return `${groups[1] >> 8}.${groups[1] & 255}.${groups[2] >> 8}.${groups[2] & 255}`;
  return null;
}

function expandIPv6(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '').split('%')[0];
  const v4Tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4Tail) {
    const parts = v4Tail[1].split('.').map(Number);
    text = text.slice(0, -v4Tail[1].length) + `${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (text.includes('::') ? missing < 0 : missing !== 0) return null;
  const all = [...headGroups, ...Array(text.includes('::') ? missing : 0).fill('0'), ...tailGroups];
  const numbers = all.map((group) => parseInt(group, 16));
  return numbers.length === 8 && numbers.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? numbers : null;
}

/** True when the literal IP address is one the crawler must not reach. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare);
  if (family === 4) return blockedV4.check(bare, 'ipv4');
  if (family === 6) {
    if (blockedV6.check(bare, 'ipv6')) return true;
    const groups = expandIPv6(bare);
    // IPv4-mapped and IPv4-compatible forms are refused outright: they only ever reach IPv4 hosts
    // through the local stack. NAT64 and 6to4 addresses are judged by the IPv4 address they carry,
    // so a DNS64 network can still reach public IPv4-only sites.
    if (groups && groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) return true;
    const v4 = embeddedIPv4(bare);
    return v4 !== null && blockedV4.check(v4, 'ipv4');
  }
  return false;
}

export class BlockedAddressError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`${host} resolves to ${address}, a private or reserved address (set fetch.allowPrivateHosts to allow)`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A dns.lookup that fails for blocked addresses; used by the HTTP agent at connect time (covers DNS rebinding). */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((entry) => isBlockedAddress(entry.address));
    if (bad) return callback(new BlockedAddressError(hostname, bad.address) as NodeJS.ErrnoException, '');
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
