// A fake Cloud Manager for the vault handlers' tests, standing in for src/background/api/api-clients: key
// `abcdefgN` belongs to org N (one org); a test may give a key other orgs (none, several: an Ops Manager global
// key) or make linkStatus fail. Every call is recorded as "<call> <publicKey> <orgId>". Use it as
//   const cloud = await vi.hoisted(async () => (await import('./fake-cloud')).createFakeCloud());
//   vi.mock('<path>/src/background/api/api-clients', () => cloud.module);

export const orgOf = (n: number | string) => String(n).padStart(24, '0');

export function createFakeCloud() {
  const state = {
    calls: [] as string[],
    /** publicKey → the orgs `GET /orgs` answers (default: org N for key abcdefgN). */
    orgs: new Map<string, { id: string; name: string }[]>(),
    /** What linkStatus throws, if anything. */
    linkStatusError: undefined as unknown,
    forgotten: 0,
  };
  const ownOrgs = (publicKey: string) =>
    state.orgs.get(publicKey) ?? [{ id: orgOf(publicKey.slice(7)), name: `Org ${publicKey.slice(7)}` }];
  const client = (key: { publicKey: string; privateKey: string; baseUrl: string }) => ({
    async ownOrgs() {
      state.calls.push(`orgs ${key.publicKey}`);
      return ownOrgs(key.publicKey);
    },
    async projectsOf(orgId: string) {
      state.calls.push(`projects ${key.publicKey} ${orgId}`);
      return [{ id: `${orgId.slice(0, 23)}f`, name: `Project of ${orgId.slice(-2)}` }];
    },
    async organization(orgId: string) {
      state.calls.push(`org ${key.publicKey} ${orgId}`);
      return { id: orgId, name: `Named ${orgId.slice(-2)}` };
    },
    async linkStatus(orgId: string) {
      state.calls.push(`status ${key.publicKey} ${orgId}`);
      if (state.linkStatusError) throw state.linkStatusError;
      return { status: 'SYNCED' };
    },
  });
  const module = {
    apiFor: client,
    apiForKey: client,
    forgetApiClients: () => {
      state.forgotten += 1;
    },
  };
  return Object.assign(state, {
    module,
    reset() {
      state.calls.length = 0;
      state.orgs.clear();
      state.linkStatusError = undefined;
      state.forgotten = 0;
    },
  });
}
