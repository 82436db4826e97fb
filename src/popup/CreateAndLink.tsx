// "Create token and link" on a Cloud Manager org page whose client has Atlas key pairs: the Atlas org to link to
// (the one chosen last time, else the first), one button that has the worker make the token and link with it, a
// note when a token made earlier is kept for a retry (never the token itself), and revoking that Atlas org's token.
// The outcome shows in the org panel's status line, as for a pasted token.
import { useState } from 'preact/hooks';
import type { AtlasTarget } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { ConfirmRelink } from '../ui/ConfirmRelink';
import { RevokeToken } from './RevokeToken';

/** The Atlas org offered first: the one this org was linked to last time when it is still a target, else the first. */
export function defaultTarget(targets: readonly AtlasTarget[], remembered: string | undefined): string {
  return targets.some((target) => target.atlasOrgId === remembered) ? remembered! : (targets[0]?.atlasOrgId ?? '');
}

/** When a kept token stops being reused, in the user's clock. */
export const pendingTime = (until: number) => new Date(until).toLocaleTimeString();

export function CreateAndLink(props: {
  targets: AtlasTarget[];
  remembered?: string;
  orgName: string;
  /** The org is (or may be) linked already: the link button asks first, as a pasted token does. */
  linked: boolean;
  /** Its link is confirmed (not only a status check's NOT_SYNCED): the question says "is linked", else "may be". */
  linkConfirmed: boolean;
  /** Another call of the panel is running. */
  busy: boolean;
  /** A key pair of the org is chosen (as for a pasted token). */
  ready: boolean;
  onLink: (atlasOrgId: string) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const [chosen, setChosen] = useState(() => defaultTarget(props.targets, props.remembered));
  const [running, setRunning] = useState(false);
  const [asking, setAsking] = useState(false);
  const target = props.targets.find((candidate) => candidate.atlasOrgId === chosen);

  const link = async () => {
    setAsking(false);
    setRunning(true);
    try {
      await props.onLink(chosen);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="card" aria-labelledby="atlas-link-title" aria-busy={running} data-testid="create-and-link">
      <h2 id="atlas-link-title">{t('atlasLinkTitle')}</h2>
      <p class="muted">{t('atlasLinkHelp')}</p>
      <label for="atlas-target">{t('atlasLinkTarget')}</label>
      <select
        id="atlas-target"
        value={chosen}
        disabled={running || props.busy}
        onChange={(e) => setChosen(e.currentTarget.value)}
      >
        {props.targets.map((candidate) => (
          <option key={candidate.atlasOrgId} value={candidate.atlasOrgId}>
            {candidate.name} ({candidate.atlasOrgId})
          </option>
        ))}
      </select>
      {target?.pendingUntil !== undefined && (
        <p class="muted" data-testid="atlas-link-pending">
          {t('atlasLinkPending', pendingTime(target.pendingUntil))}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => (props.linked ? setAsking(true) : link())}
          disabled={running || props.busy || !props.ready || asking || !target}
          aria-busy={running}
        >
          {running ? t('atlasLinkBusy') : t('atlasLinkButton')}
        </button>
      </div>
      {asking && (
        <ConfirmRelink
          orgName={props.orgName}
          idPrefix="atlas-link"
          confirmed={props.linkConfirmed}
          onConfirm={link}
          onCancel={() => setAsking(false)}
        />
      )}
      {target && (
        <RevokeToken
          atlasOrgId={target.atlasOrgId}
          atlasOrgName={target.name}
          disabled={running || props.busy}
          onDone={props.reload}
        />
      )}
    </section>
  );
}
