// The Migrations tab loads its code when first opened: the settings page's first paint carries none of it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/text/i18n';

export function LazyMigrations() {
  const [View, setView] = useState<ComponentType>();
  useEffect(() => {
    import('./MigrationsView').then((module) => setView(() => module.MigrationsView));
  }, []);
  return View ? <View /> : <p class="muted">{t('loading')}</p>;
}
