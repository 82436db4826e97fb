// The text `npm run sandbox` and `npm start` print: ports, certificate pin, and what to paste into the popup.
import type { Sandbox } from './server';

export function formatDemoInstructions(sandbox: Sandbox): string {
  const owner = sandbox.fixture.keys.find((k) => k.name === 'owner') ?? sandbox.fixture.keys[0]!;
  const org = sandbox.fixture.orgs.find((o) => o.kind === 'cloud-manager' && !o.requiresAccessList)!;
  const project = sandbox.fixture.groups.find((g) => g.orgId === org.id);
  const token = sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED') ?? sandbox.fixture.linkTokens[0]!;
  return [
    'Cloud Manager sandbox is running.',
    `  HTTPS: ${sandbox.httpsUrl}   (Chromium: --host-resolver-rules="MAP cloud.mongodb.com 127.0.0.1:${sandbox.httpsPort}")`,
    sandbox.httpUrl ? `  HTTP:  ${sandbox.httpUrl}   (for an "Ops Manager" key pair's server address)` : '',
    `  Certificate: ${sandbox.certPath}`,
    `  SPKI pin (--ignore-certificate-errors-spki-list=): ${sandbox.spki}`,
    '',
    'Demo values to paste (sandbox only, not real credentials):',
    `  Org page:               https://cloud.mongodb.com/v2#/org/${org.id}/projects   (${org.name})`,
    project ? `  Project page:           https://cloud.mongodb.com/v2/${project.id}#deployment/topology` : '',
    `  Public key (username):  ${owner.publicKey}`,
    `  Private key (password): ${owner.privateKey}`,
    `  Link token:             ${token.token}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
