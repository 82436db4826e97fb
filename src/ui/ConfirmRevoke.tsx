// The question before an Atlas org's link tokens are revoked, in the popup and the history alike: what Atlas's DELETE
// removes (it names no token: the org's link tokens and the API key each embeds, so the links made with them stop
// working) and the Cloud Manager orgs the extension knows were linked with them. It starts on the safe answer, Escape
// cancels (the focus goes back to the button that asked), and nothing is sent until the user confirms.
import { useEffect, useState } from 'preact/hooks';
import type { ErrorView, OrgRef, RevokeReach } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { ConfirmQuestion } from './ConfirmQuestion';
import { ErrorNotice } from './Notice';

function OrgList(props: { orgs: readonly OrgRef[]; testId: string }) {
  return (
    <ul data-testid={props.testId}>
      {props.orgs.map((org) => (
        <li key={org.orgId}>{orgLabel(org.name, org.orgId)}</li>
      ))}
    </ul>
  );
}

/** The orgs the revoke may cut off, as the worker's records know them; what they cannot know, said. */
function Reach(props: { atlasOrgName: string; reach?: RevokeReach; failure?: ErrorView }) {
  const { reach, atlasOrgName } = props;
  if (props.failure) return <ErrorNotice error={props.failure} />;
  if (!reach) return <p class="muted">{t('atlasRevokeReachLoading')}</p>;
  return (
    <div data-testid="revoke-reach">
      {reach.linked.length > 0 ? (
        <>
          <p>{t('atlasRevokeReachLinked', atlasOrgName)}</p>
          <OrgList orgs={reach.linked} testId="revoke-reach-linked" />
        </>
      ) : (
        <p>{t('atlasRevokeReachNone', atlasOrgName)}</p>
      )}
      {reach.unknownAtlasOrg.length > 0 && (
        <>
          <p>{t('atlasRevokeReachUnknown', atlasOrgName)}</p>
          <OrgList orgs={reach.unknownAtlasOrg} testId="revoke-reach-unknown" />
        </>
      )}
      <p class="muted">{t('atlasRevokeReachElsewhere')}</p>
    </div>
  );
}

export function ConfirmRevoke(props: {
  atlasOrgId: string;
  atlasOrgName: string;
  /** Where the question stands: 'revoke' in the popup, another prefix elsewhere (its test id and element ids). */
  idPrefix?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const prefix = props.idPrefix ?? 'revoke';
  const [reach, setReach] = useState<RevokeReach>();
  const [failure, setFailure] = useState<ErrorView>();
  useEffect(() => {
    send('atlas/revoke-reach', { atlasOrgId: props.atlasOrgId }).then(setReach, (e) => setFailure(asErrorView(e)));
  }, [props.atlasOrgId]);
  return (
    <ConfirmQuestion
      id={prefix}
      testId={`${prefix}-confirm`}
      question={t('atlasRevokeQuestion', props.atlasOrgName)}
      confirmLabel={t('atlasRevokeConfirmButton')}
      tone="danger"
      returnFocus
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <Reach atlasOrgName={props.atlasOrgName} reach={reach} failure={failure} />
    </ConfirmQuestion>
  );
}
