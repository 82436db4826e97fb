// The client name of a key pair: a text field that offers the saved clients (a native combobox: <input list> with a
// <datalist>, typed into or picked with the arrow keys). An Atlas key pair is paired with the Cloud Manager key pairs
// of the same client, so on the Atlas side the list holds those clients, and a name none of them has is said so.

import { type KeySide, sameLabel } from '../core/vault';
import { type ClientKeyPair, clientNames } from '../core/vault/client-names';
import { t } from '../shared/text/i18n';

export function ClientNameField(props: {
  idPrefix: string;
  value: string;
  onInput: (label: string) => void;
  side: KeySide;
  /** The saved key pairs whose clients are offered (none: a plain field). */
  profiles?: readonly ClientKeyPair[];
}) {
  const { idPrefix, value, side } = props;
  const atlas = side === 'atlas';
  const offered = clientNames(props.profiles ?? [], atlas ? 'cloud-manager' : undefined);
  const listId = `${idPrefix}-clients`;
  const hintId = `${idPrefix}-clients-hint`;
  const unpaired = atlas && value.trim() !== '' && !offered.some((name) => sameLabel(name, value));
  return (
    <>
      <label for={`${idPrefix}-label`}>{t('fieldLabel')}</label>
      <input
        id={`${idPrefix}-label`}
        value={value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        required
        autocomplete="off"
        list={offered.length > 0 ? listId : undefined}
        aria-describedby={offered.length > 0 || unpaired ? hintId : undefined}
      />
      {offered.length > 0 && (
        <datalist id={listId} data-testid="client-options">
          {offered.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {unpaired ? (
        <p class="notice warning" id={hintId} role="status" data-testid="client-unpaired">
          {t('clientUnpaired', value.trim())}
        </p>
      ) : (
        offered.length > 0 && (
          <p class="muted" id={hintId}>
            {atlas ? t('clientPickAtlas') : t('clientPick')}
          </p>
        )
      )}
    </>
  );
}
