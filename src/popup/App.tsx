// The popup: loads the context for the active tab, then shows setup, unlock, the question a project page of an
// unknown client asks, an Atlas org's panel (create a token and link, revoke), or the org's link panel.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ErrorView, PopupContext } from '../shared/domain';
import { samePanel } from '../shared/popup-snapshot';
import { asErrorView, send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { ErrorNotice } from '../ui/Notice';
import { useVaultStateNotice } from '../ui/use-vault-state-notice';
import { lazyPanel } from './lazy-panel';
import { OrgPanel } from './OrgPanel';

// Loaded when shown: a known org's popup needs none of them.
const SetupForm = lazyPanel(() => import('./SetupForm').then((m) => m.SetupForm));
const UnlockForm = lazyPanel(() => import('../ui/UnlockForm').then((m) => m.UnlockForm));
const ProjectClientPanel = lazyPanel(() => import('./ProjectClientPanel').then((m) => m.ProjectClientPanel));
const AtlasOrgPanel = lazyPanel(() => import('./AtlasOrgPanel').then((m) => m.AtlasOrgPanel));

/** What main.tsx's context/get came back with, when it came back before the app's first render. */
export type FirstAnswer = { context: PopupContext } | { error: ErrorView };

/**
 * `first`: the answer to the context/get main.tsx sent before this module loaded. `answered`: that answer, when it
 * was in before the first render: then the popup's first render is already the org's (no "Loading" render, and no
 * wait for the effect that would ask, which Preact runs only after the next frame).
 */
export function App(props: { url?: string; first?: Promise<PopupContext>; answered?: FirstAnswer; kept?: boolean }) {
  const answered = props.answered;
  const [context, setContext] = useState<PopupContext | undefined>(
    answered && 'context' in answered ? answered.context : undefined,
  );
  const [loadError, setLoadError] = useState<ErrorView | undefined>(
    answered && 'error' in answered ? answered.error : undefined,
  );

  // The first load takes main.tsx's answer; every later one asks again.
  const first = useRef(answered ? undefined : props.first);
  // Bumped when the worker's answer paints another panel than the kept one: the panel starts afresh from it.
  const [panel, setPanel] = useState(0);
  // False while the kept panel stands in for the worker's answer.
  const [settled, setSettled] = useState(!props.kept);
  const asked = useRef(false);
  const reload = useCallback(async () => {
    asked.current = true;
    setSettled(true);
    const answer = first.current ?? send('context/get', { url: props.url });
    first.current = undefined;
    try {
      setContext(await answer);
      setLoadError(undefined);
    } catch (error) {
      setLoadError(asErrorView(error));
    }
  }, [props.url]);

  // A kept panel is painted while the worker answers; its answer wins unless the popup asked again meanwhile.
  useEffect(() => {
    const kept = props.kept && answered && 'context' in answered ? answered.context : undefined;
    if (!kept || !props.first) return;
    props.first.then(
      (fresh) => {
        if (asked.current) return;
        if (!samePanel(kept, fresh)) setPanel((n) => n + 1);
        setContext(fresh);
        setSettled(true);
      },
      (error: unknown) => {
        if (asked.current) return;
        setContext(undefined);
        setLoadError(asErrorView(error));
        setSettled(true);
      },
    );
  }, []);

  const initial = useRef(!answered);
  useEffect(() => {
    if (initial.current) reload();
    initial.current = true;
  }, [reload]);
  // Locked or unlocked elsewhere (auto-lock, the settings page): the popup shows the unlock form or the org at once.
  useVaultStateNotice((vault) => {
    if (context && context.vault !== vault) reload();
  });

  const lock = async () => {
    await send('vault/lock', {});
    await reload();
  };

  return (
    <>
      <header class="bar">
        <img src="/icons/icon-32.png" width={20} height={20} alt="" />
        <h1>{t('popupTitle')}</h1>
        {context?.vault === 'unlocked' && (
          <button type="button" class="link" onClick={lock}>
            {t('lock')}
          </button>
        )}
        <button type="button" class="link" onClick={() => browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </header>
      <main>
        {loadError && <ErrorNotice error={loadError} />}
        {!context && !loadError && <p aria-busy="true">{t('loading')}</p>}
        {context && <Body key={panel} context={context} url={props.url} reload={reload} settled={settled} />}
      </main>
    </>
  );
}

function Body(props: { context: PopupContext; url?: string; reload: () => Promise<void>; settled: boolean }) {
  const { context, reload } = props;
  if (context.vault === 'empty')
    return <SetupForm orgId={context.org?.orgId} orgName={context.org?.name} onDone={reload} />;
  if (context.vault === 'locked') {
    return <UnlockForm org={context.org} location={context.location} onDone={reload} />;
  }
  if (context.needsClient) return <ProjectClientPanel context={context} url={props.url} reload={reload} />;
  if (context.locationError) return <ErrorNotice error={context.locationError} />;
  if (context.atlasPage) return <AtlasOrgPanel context={context} reload={reload} />;
  if (!context.org) {
    return (
      <div class="card" data-testid="not-cloud-manager">
        <h2>{t('notCloudManagerTitle')}</h2>
        <p>{t('notCloudManagerBody')}</p>
      </div>
    );
  }
  return <OrgPanel context={context} reload={reload} settled={props.settled} />;
}
