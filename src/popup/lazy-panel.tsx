// A part of the popup loaded when it is first shown (the setup, unlock and key-pair forms, the Atlas panels): a
// known org's popup never fetches, parses or runs them, so it reaches the worker and paints sooner.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/text/i18n';

/** A component rendering `load`'s component once its module is in (at once when an earlier render loaded it). */
export function lazyPanel<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyPanel(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Component) return;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      loading.then((c) => setComponent(() => c));
    }, []);
    return Component ? <Component {...props} /> : <p aria-busy="true">{t('loading')}</p>;
  };
}
