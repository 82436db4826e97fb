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
  // An empty body is not JSON: JSON.parse refuses it below.
  if (text.length > MAX_JSON_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // An empty catch would return undefined too (equivalent; no Stryker mark reaches a catch: stryker/README.md).
    return undefined;
  }
}
