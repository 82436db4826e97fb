// The organization's policy in Firefox ESR, through a real policies.json in the installation's distribution folder
// (where an admin puts it): its 3rdparty section for this add-on reaches storage.managed, the worker's settings
// follow it, the settings page says the organization set them, and the export and another Ops Manager server are
// refused. The file is written before Firefox starts (policies are read at start) and removed after; a file that was
// there before is put back.
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX, type FirefoxRun, firefoxMissing, launchFirefox, textOf } from './firefox-harness';

const POLICY = {
  allowedOpsManagerServers: ['https://opsmanager.example.com:8443'],
  maxAutoLockMinutes: 5,
  backupExportAllowed: false,
};
const PASSPHRASE = 'correct horse battery staple';

const distribution = firefoxMissing ? '' : join(dirname(realpathSync(FIREFOX)), 'distribution');
const policyFile = join(distribution, 'policies.json');
const keptFile = `${policyFile}.before-e2e`;

function distributionWritable(): boolean {
  if (firefoxMissing) return false;
  try {
    mkdirSync(distribution, { recursive: true });
    writeFileSync(join(distribution, '.e2e-probe'), '');
    rmSync(join(distribution, '.e2e-probe'));
    return true;
  } catch {
    return false;
  }
}
const writable = distributionWritable();
if (!writable && !firefoxMissing && process.env.CI) {
  throw new Error(`${distribution} is not writable: the Firefox policy test needs root`);
}
if (!writable) console.warn(`Firefox policy e2e skipped: ${distribution || 'Firefox'} is missing or not writable`);

describe.skipIf(!writable)('Firefox ESR: settings managed by policies.json', () => {
  let run: FirefoxRun;
  beforeAll(async () => {
    // A run that died before its cleanup left its file: the one kept aside is the admin's.
    if (existsSync(keptFile)) renameSync(keptFile, policyFile);
    if (existsSync(policyFile)) renameSync(policyFile, keptFile);
    writeFileSync(
      policyFile,
      JSON.stringify({ policies: { '3rdparty': { Extensions: { 'cm-atlas-link@migration-tools.example': POLICY } } } }),
    );
    run = await launchFirefox();
  }, 120_000);
  afterAll(async () => {
    await run?.close();
    rmSync(policyFile, { force: true });
    if (existsSync(keptFile)) renameSync(keptFile, policyFile);
  });

  it('reads the 3rdparty policy into storage.managed, and the worker applies it', async () => {
    expect(await run.inExtension('() => browser.storage.managed.get(null)')).toEqual(POLICY);
    const owner = run.sandbox.fixture.keys.find((k) => k.name === 'owner')!;
    const created = await run.send('vault/create', {
      passphrase: PASSPHRASE,
      profile: { label: 'Acme', publicKey: owner.publicKey, privateKey: owner.privateKey },
    });
    expect(created.ok).toBe(true);
    expect(await run.send('settings/set', { autoLockMinutes: 60 })).toMatchObject({
      ok: true,
      value: { autoLockMinutes: 5, managed: POLICY },
    });
    const alarm = await run.inExtension<{ scheduledTime: number }>(`() => browser.alarms.get('auto-lock')`);
    expect(alarm.scheduledTime - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(await run.send('backup/export', {})).toMatchObject({ ok: false, error: { kind: 'backup-export-off' } });
    const other = await run.send('profiles/add', {
      profile: {
        label: 'Elsewhere',
        publicKey: 'abcdefgh',
        privateKey: '00000000-0000-4000-8000-000000000000',
        baseUrl: 'https://opsmanager.elsewhere.example',
      },
    });
    expect(other).toMatchObject({ ok: false, error: { kind: 'server-not-allowed' } });
    // Nothing was asked of that server: the refusal comes before any request.
    expect(run.sandbox.log.some((e) => e.path.includes('elsewhere'))).toBe(false);
  });

  it('shows each managed setting as set by the organization', async () => {
    const security = await run.extensionPage('src/options/index.html#security');
    await security.waitForSelector('#auto-lock');
    await expect.poll(() => textOf(security, 'main')).toContain('Set by your organization');
    await expect.poll(() => textOf(security, 'main')).toContain('Your organization allows at most 5 minutes');
    const disabled = await security.$$eval('#auto-lock option', (options) =>
      options.filter((o) => o.disabled).map((o) => o.value),
    );
    expect(disabled.sort()).toEqual(['0', '15', '60']);
    await security.close();
    const backup = await run.extensionPage('src/options/index.html#backup');
    await expect.poll(() => textOf(backup, 'main')).toContain('Your organization turned off backup export.');
    await backup.close();
    expect(JSON.parse(readFileSync(policyFile, 'utf8')).policies['3rdparty'].Extensions).toBeDefined();
  });
});
