// The settings page: the saved key pairs (masked) and the security settings.
import { useEffect, useState } from 'preact/hooks';
import { type ErrorView, MessageError, type ProfileView, type Settings } from '../shared/messages';
import { send } from '../shared/send';
import { t } from '../ui/i18n';
import { ErrorNotice } from '../ui/Notice';

const AUTO_LOCK = [1, 5, 15, 60, 0];

export function OptionsApp() {
  const [profiles, setProfiles] = useState<ProfileView[]>();
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<ErrorView>();

  const load = async () => {
    try {
      setSettings(await send('settings/get', {}));
      setProfiles(await send('profiles/list', {}));
      setError(undefined);
    } catch (e) {
      setError(e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) });
    }
  };
  useEffect(() => {
    load();
  }, []);

  return (
    <main style={{ maxWidth: '760px', margin: '0 auto' }}>
      <h1>{t('extName')}</h1>
      {error && <ErrorNotice error={error} />}
      <section class="card" aria-labelledby="profiles-title">
        <h2 id="profiles-title">{t('profilesTitle')}</h2>
        {profiles?.length === 0 && <p>{t('noProfiles')}</p>}
        <ul>
          {profiles?.map((p) => (
            <li key={p.id}>
              <strong>{p.label}</strong> — <span class="mono">{p.publicKey}</span> /{' '}
              <span class="mono">{p.maskedPrivateKey}</span> <span class="muted">{p.baseUrl}</span>
            </li>
          ))}
        </ul>
      </section>
      {settings && (
        <section class="card" aria-labelledby="security-title">
          <h2 id="security-title">{t('securityTitle')}</h2>
          <label for="auto-lock">{t('fieldAutoLock')}</label>
          <select
            id="auto-lock"
            value={String(settings.autoLockMinutes)}
            onChange={async (e) =>
              setSettings(await send('settings/set', { autoLockMinutes: Number(e.currentTarget.value) }))
            }
          >
            {AUTO_LOCK.map((m) => (
              <option key={m} value={String(m)}>
                {m === 0 ? t('autoLockOnClose') : t('autoLockMinutes', String(m))}
              </option>
            ))}
          </select>
          <p class="muted">{t('lockNotice')}</p>
        </section>
      )}
    </main>
  );
}
