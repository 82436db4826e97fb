// Which of the projects Atlas lists for migration are one Cloud Manager org's: Atlas lists the projects of every org
// linked to its org, so a project known to be another org's is left out. A project no saved key pair knows stays
// (an org's learnt project list may be older than the project): none left means Atlas does not see this org's link.

/** Project id → the Cloud Manager org it belongs to, as the saved key pairs learnt it, then as pages found it. */
export function projectOwners(
  keyPairs: readonly { org?: { id: string }; projects?: readonly { id: string }[] }[],
  found: Readonly<Record<string, { orgId: string }>> = {},
): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [projectId, { orgId }] of Object.entries(found)) owners.set(projectId, orgId);
  for (const keyPair of keyPairs) {
    if (!keyPair.org) continue;
    for (const project of keyPair.projects ?? []) owners.set(project.id, keyPair.org.id);
  }
  return owners;
}

/** The listed projects that are `orgId`'s or of no known org, in Atlas's order. */
export function projectsOfOrg<P extends { projectId: string }>(
  listed: readonly P[],
  orgId: string,
  owners: ReadonlyMap<string, string>,
): P[] {
  return listed.filter((p) => {
    const owner = owners.get(p.projectId);
    return owner === undefined || owner === orgId;
  });
}
