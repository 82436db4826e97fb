// Every name a Cloud Manager / Ops Manager answer gives is cut and cleaned where it is read (#30 item 2): an Ops
// Manager global key's `GET /orgs/{id}` answering a 200,000-character name with NUL, LF and U+202E gives a name of
// at most 256 characters with none of them, and so do the org list, the projects and a project's org.
import { describe, expect, it } from 'vitest';
import { createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { fakeCloudManager, json } from './fake-cloud-manager';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';
const GROUP = '6a1a2b3c4d5e6f7a8b9c0d1e';
const API = '/api/public/v1.0';
/** 200,000 characters holding a NUL, a line feed, a right-to-left override, a C1 NEL and a bidi isolate. */
const HOSTILE = `Acme\u0000Retail\nBank\u202Egnp.exe\u0085\u2066${'x'.repeat(200_000)}`;
/** Controls, line separators and text-direction characters (written out here, not taken from the code under test). */
const hasUnsafe = (text: string) =>
  [...text].some((c) => {
    const p = c.codePointAt(0)!;
    return (
      p < 0x20 ||
      (p >= 0x7f && p <= 0x9f) ||
      [0x61c, 0x200e, 0x200f].includes(p) ||
      (p >= 0x2028 && p <= 0x202e) ||
      (p >= 0x2066 && p <= 0x2069)
    );
  });

function setup(name: string) {
  const server = fakeCloudManager({
    [`GET ${API}/orgs/${ORG}`]: [json(200, { id: ORG, name })],
    [`GET ${API}/orgs`]: [json(200, { results: [{ id: ORG, name }], totalCount: 1 })],
    [`GET ${API}/orgs/${ORG}/groups`]: [json(200, { results: [{ id: GROUP, name, orgId: ORG }], totalCount: 1 })],
    [`GET ${API}/groups/${GROUP}`]: [json(200, { id: GROUP, name, orgId: ORG })],
  });
  return createCloudManagerApi({ baseUrl: 'https://ops.example.com:8443', fetch: server.fetch });
}

async function namesOf(name: string): Promise<string[]> {
  const api = setup(name);
  return [
    (await api.organization(ORG)).name,
    ...(await api.ownOrgs()).map((o) => o.name),
    ...(await api.projectsOf(ORG)).map((p) => p.name),
    (await api.orgOfGroup(GROUP)).name,
  ];
}

describe('names a Cloud Manager answer gives', () => {
  it('are cut to 256 characters, every control and text-direction character a space', async () => {
    const names = await namesOf(HOSTILE);
    expect(names).toHaveLength(4);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(256);
      expect(hasUnsafe(name)).toBe(false);
      expect(name.startsWith('Acme Retail Bank gnp.exe  xxx')).toBe(true);
    }
  });

  it('are kept as given when already safe, emoji and Hangul included (never cut inside a character)', async () => {
    expect(await namesOf('Acme 리테일 🏦')).toEqual(Array(4).fill('Acme 리테일 🏦'));
    const emoji = await namesOf('🏦'.repeat(300));
    for (const name of emoji) expect(name).toBe('🏦'.repeat(256));
  });

  it('an empty or missing name is still no answer', async () => {
    await expect(setup('').organization(ORG)).rejects.toMatchObject({ kind: 'unexpected-response' });
  });
});
