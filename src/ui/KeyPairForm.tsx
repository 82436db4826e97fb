// A form that saves a new key pair: its side and fields, whatever the caller adds below them, the error and the
// save button. An error keeps every field as typed, so only the wrong one needs changing; once saved, nothing secret
// stays. A client name close to a saved client's is asked about before anything is sent.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { KeySide } from '../core/vault';
import { type ClientKeyPair, clientNames } from '../core/vault/client-names';
import type { ProfileInput } from '../shared/domain';
import { t } from '../shared/text/i18n';
import { ClientNameQuestion, saveWithName, useClientNameCheck } from './ClientNameQuestion';
import { focusAfterRender } from './focus';
import { blankDraft, draftInput, type KeyPairDraft, KeyPairFields } from './KeyPairFields';
import { askHostPermission } from './KeyPairServer';
import { SideErrorHint } from './KeyPairSide';
import { ErrorNotice } from './Notice';
import { useAction } from './use-action';

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
  /** The side chosen when the form opens (Cloud Manager unless the page knows better). */
  defaultSide?: KeySide;
  /** The saved key pairs: their clients are offered, and a name close to one is asked about. */
  profiles?: readonly ClientKeyPair[];
  send: (profile: ProfileInput) => Promise<void>;
  onDone: () => Promise<void>;
}) {
  const [draft, setDraft] = useState<KeyPairDraft>(() => blankDraft(props.defaultSide));
  const { busy, error, run } = useAction();
  const check = useClientNameCheck(clientNames(props.profiles ?? []));
  const save = (next: KeyPairDraft) => {
    const profile = draftInput(next);
    // Addresses that cannot be read are named under their field: nothing is sent until they are fixed.
    if (props.ready === false || !profile) return;
    run(async () => {
      // An Ops Manager server needs the browser's permission for its host, asked while the click still counts.
      await askHostPermission(profile.baseUrl);
      await props.send(profile);
      setDraft(blankDraft(props.defaultSide));
      await props.onDone();
      // The form is gone: the popup's next step takes the focus (the link token field, else the panel's heading).
      focusAfterRender(['#link-token', 'main h2']);
    });
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (props.ready !== false && !check.holds(draft.label)) save(draft);
  };
  return (
    <form onSubmit={submit} data-testid={props.testId} aria-labelledby={props.labelledBy}>
      {props.heading}
      <KeyPairFields value={draft} onInput={setDraft} idPrefix={props.idPrefix} profiles={props.profiles} />
      {props.children}
      <ClientNameQuestion check={check} label={draft.label} onAnswer={saveWithName(draft, setDraft, save)} />
      <SideErrorHint error={error} side={draft.side} />
      {error && <ErrorNotice error={error} takeFocus />}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('saving') : t('saveKeyPair')}
        </button>
      </div>
    </form>
  );
}
