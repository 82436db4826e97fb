// Finds the caller's IP address that Cloud Manager names in an access-list error (detail text or parameters).
const IPV4 = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\d|\.\d)/g;
const IPV6_CANDIDATE = /[0-9a-f]*:[0-9a-f:.]*:[0-9a-f.]*/gi;

function firstIpv4(text: string): string | undefined {
  for (const match of text.matchAll(IPV4)) {
    const octets = match.slice(1, 5).map(Number);
    if (octets.every((n) => n <= 255)) return octets.join('.');
  }
  return undefined;
}

function firstIpv6(text: string): string | undefined {
  for (const [candidate] of text.matchAll(IPV6_CANDIDATE)) {
    const trimmed = candidate.replace(/\.$/, '');
    if (!/[0-9a-f]/i.test(trimmed)) continue;
    // The URL parser is a complete IPv6 grammar: what it accepts as a bracketed host is an address.
    if (URL.canParse(`http://[${trimmed}]/`)) return trimmed.toLowerCase();
  }
  return undefined;
}

/** The first IP address in the texts, IPv4 preferred in each text; undefined when none is found. */
export function findCallerIp(texts: readonly unknown[]): string | undefined {
  for (const text of texts) {
    if (typeof text !== 'string' || text.length > 2000) continue;
    const found = firstIpv4(text) ?? firstIpv6(text);
    if (found) return found;
  }
  return undefined;
}
