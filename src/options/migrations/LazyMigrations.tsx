// The Migrations tab and the client report load their code when first shown: the settings page's first paint
// carries none of it.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/text/i18n';

function Lazy<P extends object>(props: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [View, setView] = useState<ComponentType<P>>();
  useEffect(() => {
    props.load().then((view) => setView(() => view));
  }, []);
  return View ? <View {...props.props} /> : <p class="muted">{t('loading')}</p>;
}

export function LazyMigrations(props: { org?: string }) {
  return <Lazy load={() => import('./MigrationsView').then((m) => m.MigrationsView)} props={props} />;
}

export function LazyClientReport(props: { client: string }) {
  return <Lazy load={() => import('./ClientReport').then((m) => m.ClientReport)} props={props} />;
}
