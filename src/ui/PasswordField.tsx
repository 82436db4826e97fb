// A secret's input (passphrase, private key, link token): its label and a masked field whose value the owner holds.
import type { PartialInputHTMLAttributes, Ref } from 'preact';

type InputAttributes = Omit<
  PartialInputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onInput' | 'ref' | 'type' | 'role' | 'required'
>;

export function PasswordField(
  props: InputAttributes & {
    id: string;
    label: string;
    /** The value and its setter, as `useState` gives them. */
    state: [string, (value: string) => void];
    labelClass?: string;
    /** A secret is required unless this says the field may stay empty. */
    optional?: boolean;
    inputRef?: Ref<HTMLInputElement>;
  },
) {
  const { id, label, state, labelClass, inputRef, optional, ...input } = props;
  const [value, setValue] = state;
  return (
    <>
      <label for={id} class={labelClass}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        ref={inputRef}
        type="password"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
        required={!optional}
      />
    </>
  );
}
