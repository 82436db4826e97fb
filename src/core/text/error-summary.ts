// An error's message, for logs and debuggers only: its kind, then its variant and field when it has them, e.g.
// "invalid-profile (too-long, label)". Never a parameter: a parameter may hold a name or a server's words. The pages
// find an error's words in the message catalogues, by kind and variant.
export function errorSummary(kind: string, ...details: readonly (string | undefined)[]): string {
  const named = details.filter((detail) => detail !== undefined && detail !== '');
  return named.length ? `${kind} (${named.join(', ')})` : kind;
}
