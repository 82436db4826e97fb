// The settings page: key pairs, security, backup, history and every org at a glance. Locked, it asks for the
// passphrase first; with no vault yet, it says how to start.
import { useEffect, useState } from 'preact/hooks';
import type { ErrorView, ProfileView, Settings, VaultState } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { type MessageKey, t } from '../shared/text/i18n';
import { migrationsOrgOf, tabOf } from '../ui/migrations-link';
import { ErrorNotice } from '../ui/Notice';
import { UnlockForm } from '../ui/UnlockForm';
import { useVaultStateNotice } from '../ui/use-vault-state-notice';
import { BackupSection } from './BackupSection';
import { Dashboard } from './dashboard/Dashboard';
import { FirstRunImport } from './FirstRunImport';
import { HistoryView } from './HistoryView';
import { LazyMigrations } from './migrations/LazyMigrations';
import { ProfilesSection } from './ProfilesSection';
import { RestoreSection } from './RestoreSection';
import { SecuritySection } from './SecuritySection';

const TABS = ['profiles', 'security', 'backup', 'history', 'orgs', 'migrations'] as const;
type Tab = (typeof TABS)[number];
const tabNamed = (hash: string) => TABS.find((name) => name === tabOf(hash));
const TAB_KEYS: Readonly<Record<Tab, MessageKey>> = {
  profiles: 'tab_profiles',
  security: 'tab_security',
  backup: 'tab_backup',
  history: 'tab_history',
  orgs: 'tab_orgs',
  migrations: 'tab_migrations',
};

export function OptionsApp() {
  const [vault, setVault] = useState<VaultState>();
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<ErrorView>();
  const [tab, setTab] = useState<Tab>(() => tabNamed(location.hash) ?? 'profiles');
  // #migrations?org=<id> (the popup's and a dashboard row's "Plan in the Migrations tab"): that org picked there.
  const [migrationsOrg, setMigrationsOrg] = useState(() => migrationsOrgOf(location.hash));
  useEffect(() => {
    const follow = () => {
      const named = tabNamed(location.hash);
      if (named) setTab(named);
      setMigrationsOrg(migrationsOrgOf(location.hash));
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  const load = async () => {
    try {
      const context = await send('context/get', {});
      setVault(context.vault);
      setSettings(await send('settings/get', {}));
      setProfiles(context.vault === 'unlocked' ? await send('profiles/list', {}) : []);
      setError(undefined);
    } catch (e) {
      setError(asErrorView(e));
    }
  };
  useEffect(() => {
    load();
  }, []);
  // Locked anywhere (auto-lock, another page): the key pairs and forms give way to the unlock form at once; unlocked
  // elsewhere, this page loads its content.
  useVaultStateNotice((next) => {
    if (next === 'unlocked') {
      if (vault !== 'unlocked') load();
      return;
    }
    setVault('locked');
    setProfiles([]);
  });

  const choose = (next: Tab) => {
    setTab(next);
    setMigrationsOrg(undefined);
    history.replaceState(null, '', `#${next}`);
  };

  return (
    <main class="options-page">
      <h1>{t('extName')}</h1>
      {error && <ErrorNotice error={error} />}
      {vault === 'empty' && <p data-testid="vault-empty">{t('noProfiles')}</p>}
      {vault === 'empty' && <FirstRunImport onDone={load} />}
      {vault === 'empty' && <RestoreSection onDone={load} />}
      {vault === 'locked' && <UnlockForm onDone={load} />}
      {vault === 'unlocked' && settings && (
        <>
          <nav aria-label={t('settingsSections')} class="tabs">
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                aria-current={tab === name ? 'page' : undefined}
                class={tab === name ? 'primary' : ''}
                onClick={() => choose(name)}
              >
                {t(TAB_KEYS[name])}
              </button>
            ))}
          </nav>
          {tab === 'profiles' && <ProfilesSection profiles={profiles} reload={load} />}
          {tab === 'security' && <SecuritySection settings={settings} onChange={setSettings} onLocked={load} />}
          {tab === 'backup' && <BackupSection reload={load} managed={settings.managed} />}
          {tab === 'history' && <HistoryView />}
          {tab === 'orgs' && <Dashboard />}
          {tab === 'migrations' && <LazyMigrations org={migrationsOrg} />}
        </>
      )}
    </main>
  );
}
