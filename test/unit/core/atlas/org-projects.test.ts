// Which projects Atlas lists are one org's: another org's known project is left out, an unknown one stays.
import { describe, expect, it } from 'vitest';
import { projectOwners, projectsOfOrg } from '../../../../src/core/atlas/org-projects';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const listed = [{ projectId: 'p1' }, { projectId: 'p2' }, { projectId: 'p3' }, { projectId: 'p4' }];

describe('projectsOfOrg', () => {
  it("keeps the org's own projects and those no key pair knows, leaves out another org's", () => {
    const owners = projectOwners(
      [
        { org: { id: A }, projects: [{ id: 'p1' }] },
        { org: { id: B }, projects: [{ id: 'p2' }] },
        // A global key has no org: its projects say nothing of an owner.
        { projects: [{ id: 'p4' }] },
      ],
      { p3: { orgId: B } },
    );
    expect(projectsOfOrg(listed, A, owners).map((p) => p.projectId)).toEqual(['p1', 'p4']);
    expect(projectsOfOrg(listed, B, owners).map((p) => p.projectId)).toEqual(['p2', 'p3', 'p4']);
  });

  it("a key pair's learnt projects win over a page's cached answer", () => {
    const owners = projectOwners([{ org: { id: A }, projects: [{ id: 'p1' }] }], { p1: { orgId: B } });
    expect(projectsOfOrg(listed, B, owners).map((p) => p.projectId)).toEqual(['p2', 'p3', 'p4']);
  });

  it('none of the listed projects is the org: none', () => {
    expect(projectsOfOrg(listed.slice(0, 1), B, projectOwners([{ org: { id: A }, projects: [{ id: 'p1' }] }]))).toEqual(
      [],
    );
  });
});
