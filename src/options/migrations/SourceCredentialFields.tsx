// The source deployment's username and password, for a plan without managed authentication: write-only fields whose
// value goes with one request (a plan's validate or start, or one batch run) and is then cleared.
import type { SourceCredentials } from '../../shared/migration-messages';
import { t } from '../../shared/text/i18n';
import { PasswordField } from '../../ui/PasswordField';

export function CredentialFields(props: {
  prefix: string;
  value: SourceCredentials;
  onChange: (c: SourceCredentials) => void;
}) {
  return (
    <>
      <label for={`${props.prefix}-user`}>{t('mig_source_username')}</label>
      <input
        id={`${props.prefix}-user`}
        autocomplete="off"
        value={props.value.username}
        onInput={(e) => props.onChange({ ...props.value, username: e.currentTarget.value })}
      />
      <PasswordField
        id={`${props.prefix}-password`}
        label={t('mig_source_password')}
        optional
        autocomplete="off"
        state={[props.value.password, (password) => props.onChange({ ...props.value, password })]}
      />
    </>
  );
}

export const NO_CREDENTIALS: SourceCredentials = { username: '', password: '' };
