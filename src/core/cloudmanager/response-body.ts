// Reads a response body at most once and never throws: proxies and outages answer with HTML, nothing, or garbage.
const MAX_JSON_CHARS = 256 * 1024;

export async function readBodyText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

/** The body as a JSON object, or undefined when it is anything else (an array, HTML, empty, too large). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.length === 0 || text.length > MAX_JSON_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
