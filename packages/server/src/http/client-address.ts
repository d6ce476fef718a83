// Who the client is, for rate limits and logs: the socket address, or — only when the
// socket address is a trusted proxy — the right-most X-Forwarded-For address that is not
// itself a trusted proxy. IO-free.
// Invariants: X-Forwarded-For from an untrusted socket is ignored (anyone can send it);
// IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are treated as their IPv4 address; a bad
// trusted-proxy entry is refused with what is wrong and how to write it.

import { BlockList, isIP } from 'node:net';
import { UsageError } from '@kpi/core';

export interface TrustedProxies {
  /** Whether `address` is a trusted proxy. */
  has(address: string): boolean;
  /** The entries as given (for logs). */
  readonly entries: readonly string[];
}

const unmap = (address: string): string => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
};

/** Parses "127.0.0.1,10.0.0.0/8,::1" (addresses and CIDR ranges, IPv4 or IPv6). */
export const trustedProxies = (list: readonly string[]): TrustedProxies => {
  const blocks = new BlockList();
  const entries: string[] = [];
  for (const raw of list.flatMap((s) => s.split(','))) {
    const entry = raw.trim();
    if (entry === '') continue;
    const [addr = '', bits, ...rest] = entry.split('/');
    const family = isIP(addr);
    const max = family === 6 ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= max))
      throw new UsageError(
        'serve.bad_trusted_proxy',
        `trusted proxy "${entry}" is not an IP address or a CIDR range`,
        'write addresses or ranges separated by commas, e.g. --trusted-proxy 127.0.0.1,10.0.0.0/8,::1',
      );
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) blocks.addAddress(addr, type);
    else blocks.addSubnet(addr, prefix, type);
    entries.push(entry);
  }
  return {
    entries,
    has(address) {
      const a = unmap(address);
      const family = isIP(a);
      return family !== 0 && entries.length > 0 && blocks.check(a, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
};

/** The client address of a request from `socketAddress` carrying `forwardedFor`. */
export const clientAddress = (
  socketAddress: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trusted: TrustedProxies,
): string => {
  const socket = unmap(socketAddress ?? 'unknown');
  if (forwardedFor === undefined || !trusted.has(socket)) return socket;
  const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .flatMap((h) => h.split(','))
    .map((h) => unmap(h.trim()))
    .filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!trusted.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the left-most is the closest to the client.
  return hops[0] ?? socket;
};
