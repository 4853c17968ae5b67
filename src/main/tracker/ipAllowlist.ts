import { BlockList, isIP } from 'node:net';

/** IPs and CIDR ranges allowed to post; an empty list allows everyone (the path token still guards). */
export interface IpAllowlist {
  allows(ip: string | undefined): boolean;
  /** Entries that are neither an IP nor a CIDR range (reported on the Tracker page). */
  invalid: string[];
}

export function createIpAllowlist(entries: readonly string[]): IpAllowlist {
  const list = new BlockList();
  const invalid: string[] = [];
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (!family) {
      invalid.push(entry);
      continue;
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else if (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)) list.addSubnet(address, Number(bits), type);
    else {
      invalid.push(entry);
      continue;
    }
  }
  return {
    invalid,
    allows(ip) {
      // A list of only typos allows no one: failing closed is the safer surprise.
      if (entries.length === 0) return true;
      if (!ip) return false;
      // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
      const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
