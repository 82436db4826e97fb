// An org page whose org no saved key pair belongs to: says so, naming the org, with the key-pair form in place.
// The worker asks the server whose key it is and refuses another org's key, naming that org; the form keeps what
// was typed so only the wrong field needs changing.
import type { PopupContext } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { AddProfileForm } from './AddProfileForm';

export function NoKeyPairPanel(props: { context: PopupContext; reload: () => Promise<void> }) {
  const org = props.context.org!;
  return (
    <div data-testid="no-key-pair">
      <section class="card" aria-labelledby="org-name">
        <h2 id="org-name">{org.name ?? t('unnamedOrg')}</h2>
        <p class="mono" data-testid="org-id">
          {org.orgId}
        </p>
        <p data-testid="no-key-pair-text">
          <strong>{t('noKeyPairForOrg', orgLabel(org.name, org.orgId))}</strong>
        </p>
        <p class="muted">{t('noKeyPairHelp')}</p>
      </section>
      <AddProfileForm orgId={org.orgId} profiles={props.context.profiles} onDone={props.reload} />
    </div>
  );
}
