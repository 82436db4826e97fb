// First use, naming the org of the tab when there is one: one passphrase (typed twice) protects every key pair; the first key pair, of any side and either kind
// (API key or service account), is saved with it (on an org's page, a Cloud Manager key of that org only: the worker
// asks the server whose key it is).
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { KeyPairForm } from '../ui/KeyPairForm';
import { NewPassphraseFields, useNewPassphrase } from '../ui/NewPassphraseFields';
import { FirstRunLinks } from './FirstRunLinks';

export function SetupForm(props: { orgId?: string; orgName?: string; onDone: () => Promise<void> }) {
  const passphrase = useNewPassphrase();
  return (
    <KeyPairForm
      testId="setup-form"
      idPrefix="setup"
      heading={
        <>
          <h2>{t('setupTitle')}</h2>
          {props.orgId && (
            <p class="setup-org" data-testid="setup-org">
              {t('setupForOrg', orgLabel(props.orgName, props.orgId))}
            </p>
          )}
          <p class="muted">{t('setupIntro')}</p>
          <FirstRunLinks />
        </>
      }
      ready={!passphrase.problem}
      send={async (profile) => {
        // As in AddProfileForm: the tab's org is never an Atlas key's org, so an Atlas key pair is sent without it.
        const orgId = profile.side === 'atlas' ? undefined : props.orgId;
        await send('vault/create', { passphrase: passphrase.passphrase, profile, orgId });
        // Nothing secret stays in the page once the worker has it.
        passphrase.clear();
      }}
      onDone={props.onDone}
    >
      <NewPassphraseFields idPrefix="setup" label={t('fieldPassphrase')} state={passphrase} />
    </KeyPairForm>
  );
}
