// How an org is named on screen: its name and id when the name is known, else the id alone.
export function orgLabel(name: string | undefined, orgId: string): string {
  return name ? `${name} (${orgId})` : orgId;
}
