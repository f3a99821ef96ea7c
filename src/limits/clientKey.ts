import ipaddr from "ipaddr.js";

/**
 * The key under which a client's requests are counted, from the address it was seen at:
 * the IPv4 address (an IPv4-mapped IPv6 address counts as its IPv4 address), or the /64 network of an
 * IPv6 address, because one home or phone gets a whole /64 and could otherwise rotate through
 * billions of addresses. A port ("203.0.113.7:51234", "[2001:db8::1]:443", as some proxies write
 * them) is ignored. Undefined when the text is not an IP address.
 */
export function clientKeyOf(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const host = withoutPort(address.trim());
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return ipaddr.IPv4.parse(host).toString();
  if (!ipaddr.IPv6.isValid(host)) return undefined;
  const v6 = ipaddr.IPv6.parse(host);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const network = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toRFC5952String()}/64`;
}

function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  // One colon: IPv4 with a port. A bare IPv6 address has at least two.
  const ipv4WithPort = /^([\d.]+):\d+$/.exec(address);
  return ipv4WithPort ? ipv4WithPort[1]! : address;
}
