// Where a client's printable report opens: the settings page with #report=<client>, in a tab of its own.
const PREFIX = '#report=';

export const reportHref = (client: string) => `${PREFIX}${encodeURIComponent(client)}`;

/** The client a report address names; undefined for any other address (the settings page). */
export function reportClientOf(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const client = decodeURIComponent(hash.slice(PREFIX.length));
    return client.trim() ? client : undefined;
  } catch {
    return undefined;
  }
}
