// Choosing which client's key pair serves an org: each named by its label and public key, with a first choice
// for none (or "choose one").
import type { ProfileView } from '../shared/domain';
import { t } from '../shared/text/i18n';

export function ProfileSelect(props: {
  id: string;
  /** "Client key pair" unless said otherwise. */
  label?: string;
  profiles: readonly ProfileView[];
  value: string;
  /** The first choice, for none: "Choose a key pair…" unless said otherwise. */
  emptyText?: string;
  onChange: (profileId: string) => void;
  disabled?: boolean;
  required?: boolean;
}) {
  return (
    <>
      <label for={props.id}>{props.label ?? t('fieldProfile')}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        required={props.required}
      >
        <option value="">{props.emptyText ?? t('chooseProfile')}</option>
        {props.profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({p.publicKey})
          </option>
        ))}
      </select>
    </>
  );
}
