// An API key's IP access list and an org's "requires an access list" rule, checked the same way on the Cloud
// Manager and the Atlas routes: the refusal names the caller's IP (IPv4-mapped IPv6 shown as plain IPv4).
import { BlockList, isIPv6 } from 'node:net';
import type { FixtureKey, FixtureOrg } from './fixture';
import { type ApiAnswer, mmsError } from './mms-errors';

/** The caller's address as Cloud Manager shows it: `::ffff:127.0.0.1` is 127.0.0.1. */
export const shownIp = (ip: string): string => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

function allowedBy(list: string[], ip: string): boolean {
  const blocks = new BlockList();
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    const type = isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (bits) blocks.addSubnet(address!, Number(bits), type);
    else blocks.addAddress(address!, type);
  }
  const plain = shownIp(ip);
  return blocks.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
}

/** The 403 for a caller the key's access list (or, without one, the org's rule) refuses; undefined if allowed. */
export function accessListAnswer(key: FixtureKey, org: FixtureOrg | undefined, ip: string): ApiAnswer | undefined {
  const shown = shownIp(ip);
  if (key.accessList && key.accessList.length > 0) {
    if (!allowedBy(key.accessList, ip)) {
      return mmsError(
        403,
        'IP_ADDRESS_NOT_ON_ACCESS_LIST',
        `IP address ${shown} is not allowed to access this resource.`,
        [shown],
      );
    }
  } else if (org?.requiresAccessList) {
    return mmsError(
      403,
      'ORG_REQUIRES_ACCESS_LIST',
      `This organization requires access through an access list of ip ranges. Please add your request IP ${shown} to your API Key Access List.`,
      [shown],
    );
  }
  return undefined;
}
