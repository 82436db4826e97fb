// A form that saves a new key pair: its fields, whatever the caller adds below them, the error and the save button.
// An error keeps every field as typed, so only the wrong one needs changing; once saved, nothing secret stays.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ProfileInput } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { KeyPairFields } from './KeyPairFields';
import { ErrorNotice } from './Notice';
import { useAction } from './use-action';

const BLANK: ProfileInput = { label: '', publicKey: '', privateKey: '' };

export function KeyPairForm(props: {
  testId: string;
  idPrefix: string;
  labelledBy?: string;
  /** The heading and any introduction, above the fields. */
  heading: ComponentChildren;
  /** More fields, below the key pair's. */
  children?: ComponentChildren;
  /** False while what the extra fields hold cannot be sent: submitting then does nothing. */
  ready?: boolean;
  send: (profile: ProfileInput) => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const [profile, setProfile] = useState<ProfileInput>(BLANK);
  const { busy, error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (props.ready === false) return;
    run(async () => {
      await props.send(profile);
      setProfile(BLANK);
      await props.onDone();
    });
  };
  return (
    <form onSubmit={submit} data-testid={props.testId} aria-labelledby={props.labelledBy}>
      {props.heading}
      <KeyPairFields value={profile} onInput={setProfile} idPrefix={props.idPrefix} />
      {props.children}
      {error && <ErrorNotice error={error} />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('saveKeyPair')}
        </button>
      </div>
    </form>
  );
}
