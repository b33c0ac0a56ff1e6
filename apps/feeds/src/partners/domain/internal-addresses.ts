/**
 * The addresses a webhook never goes to: whatever is not a globally reachable unicast
 * address by the IANA special-purpose address registries (IPv4 and IPv6), and `localhost`.
 * An SSRF through a partner's endpoint would otherwise reach CPX's own network, a cloud
 * metadata service (169.254.169.254) or the machine itself.
 *
 * An IPv6 address that carries an IPv4 address the network delivers to (IPv4-mapped and
 * -compatible, NAT64's well-known prefix, 6to4) is judged by that IPv4 address: the URL
 * parser writes `[::10.0.0.5]` as `[::a00:5]`, so it is read from the bits, not the text.
 * The rest of IPv6 outside global unicast (2000::/3) is refused outright, as are the
 * special blocks inside it.
 */
import { isIP } from 'node:net';

interface Block {
  first: bigint;
  bits: number;
}

/** The IPv4 registry's blocks that are not globally reachable, multicast and the reserved rest. */
const INTERNAL_IPV4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local, where cloud metadata services answer
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
  '192.0.2.0/24', // documentation (TEST-NET-1)
  '192.88.99.0/24', // 6to4 relay anycast, deprecated
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation (TEST-NET-2)
  '203.0.113.0/24', // documentation (TEST-NET-3)
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the limited broadcast 255.255.255.255
].map((cidr) => block(cidr, 32, ipv4Bits));

/** Inside global unicast (2000::/3), the IPv6 registry's blocks that are not globally reachable. */
const INTERNAL_IPV6 = [
  '2001::/23', // IETF protocol assignments: Teredo (2001::/32), benchmarking, ORCHID
  '2001:db8::/32', // documentation
  '3fff::/20', // documentation
].map((cidr) => block(cidr, 128, ipv6Bits));

const GLOBAL_UNICAST = block('2000::/3', 128, ipv6Bits);

/** IPv6 prefixes whose addresses carry an IPv4 address, and where it sits (bit offset from the left). */
const CARRYING_IPV4 = [
  { prefix: block('::ffff:0:0/96', 128, ipv6Bits), at: 96 }, // IPv4-mapped
  { prefix: block('::/96', 128, ipv6Bits), at: 96 }, // IPv4-compatible (deprecated); :: and ::1 too
  { prefix: block('64:ff9b::/96', 128, ipv6Bits), at: 96 }, // NAT64, well-known prefix
  { prefix: block('2002::/16', 128, ipv6Bits), at: 16 }, // 6to4
];

/** True for an IP literal (bracketed or not) CPX never calls, and for `localhost` names. */
export function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  switch (isIP(bare)) {
    case 4:
      return isInternalIpv4(ipv4Bits(bare));
    case 6:
      return isInternalIpv6(ipv6Bits(bare));
    default:
      return false;
  }
}

function isInternalIpv4(address: bigint): boolean {
  return INTERNAL_IPV4.some((internal) => contains(internal, address, 32));
}

function isInternalIpv6(address: bigint): boolean {
  const carrier = CARRYING_IPV4.find(({ prefix }) => contains(prefix, address, 128));
  if (carrier) return isInternalIpv4((address >> BigInt(128 - carrier.at - 32)) & 0xffff_ffffn);
  if (!contains(GLOBAL_UNICAST, address, 128)) return true;
  return INTERNAL_IPV6.some((internal) => contains(internal, address, 128));
}

function contains(range: Block, address: bigint, width: number): boolean {
  const shift = BigInt(width - range.bits);
  return address >> shift === range.first >> shift;
}

function block(cidr: string, width: number, bitsOf: (address: string) => bigint): Block {
  const [address, length] = cidr.split('/');
  const bits = Number(length);
  if (!address || !(bits >= 0 && bits <= width)) throw new Error(`not a CIDR block: ${cidr}`);
  return { first: bitsOf(address), bits };
}

/** A valid dotted-quad IPv4 address as its 32 bits. */
function ipv4Bits(address: string): bigint {
  return address.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
}

/** A valid IPv6 address (`::` shorthand, a dotted IPv4 tail, a zone) as its 128 bits. */
function ipv6Bits(address: string): bigint {
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4Bits(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}
