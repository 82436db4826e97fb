// The side a key pair serves, chosen in the key-pair forms (Cloud Manager unless the user picks another), and what
// each side asks for: Ops Manager its server's external addresses (checked as typed, each wrong entry named), Atlas
// where its key is created.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type AddressProblem,
  type KeyCredential,
  type KeySide,
  MAX_EXTERNAL_ADDRESSES,
  parseExternalAddresses,
} from '../core/vault';
import type { ErrorView } from '../shared/domain';
import { type MessageKey, t } from '../shared/text/i18n';
import { CREDENTIAL_KEYS } from './KeyPairCredential';

export const SIDE_KEYS: Readonly<Record<KeySide, MessageKey>> = {
  'cloud-manager': 'sideCloudManager',
  'ops-manager': 'sideOpsManager',
  atlas: 'sideAtlas',
};

const ALL_SIDES: readonly KeySide[] = ['cloud-manager', 'ops-manager', 'atlas'];

/** A native radio group: Tab reaches it, the arrow keys move the choice, the legend names it. */
export function SideSwitch(props: {
  idPrefix: string;
  value: KeySide;
  onChange: (side: KeySide) => void;
  /** The sides offered (an edit cannot turn a key pair into an Atlas one or back). */
  sides?: readonly KeySide[];
}) {
  const { idPrefix } = props;
  return (
    <fieldset class="sides" data-testid="key-side">
      <legend>{t('fieldSide')}</legend>
      {(props.sides ?? ALL_SIDES).map((side) => (
        <label key={side} class="checkbox" for={`${idPrefix}-side-${side}`}>
          <input
            id={`${idPrefix}-side-${side}`}
            type="radio"
            name={`${idPrefix}-side`}
            value={side}
            checked={props.value === side}
            onChange={() => props.onChange(side)}
          />{' '}
          {t(SIDE_KEYS[side])}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The rare choices (side, kind) folded under "More options", its summary saying what is chosen (Cloud Manager · API
 * key by default), so the popup stays inside 600 px. Open from the start when something else is chosen, opened when
 * the choice moves away from the defaults or an error concerns it (SideErrorHint), closed only by the user.
 */
export function MoreOptions(props: {
  value: { side: KeySide; credential: KeyCredential };
  children: ComponentChildren;
}) {
  const { side, credential } = props.value;
  const unusual = side !== 'cloud-manager' || credential !== 'api-key';
  const [open, setOpen] = useState(unusual);
  useEffect(() => {
    if (unusual) setOpen(true);
  }, [unusual]);
  return (
    <details
      class="more-options"
      data-testid="more-options"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{t('moreOptions', `${t(SIDE_KEYS[side])} · ${t(CREDENTIAL_KEYS[credential])}`)}</summary>
      {props.children}
    </details>
  );
}

const PROBLEM_KEYS: Readonly<Record<AddressProblem['kind'], MessageKey>> = {
  'not-an-address': 'addressNotAnAddress',
  'bad-octet': 'addressBadOctet',
  'bad-ipv6': 'addressBadIpv6',
  'bad-prefix': 'addressBadPrefix',
  'host-bits': 'addressHostBits',
};

/** What is wrong with the typed addresses, entry by entry (empty when nothing is). */
export function addressProblemTexts(text: string): string[] {
  const parsed = parseExternalAddresses(text);
  if (parsed.ok) return [];
  const texts = parsed.problems.map((p) =>
    p.kind === 'host-bits' ? t(PROBLEM_KEYS[p.kind], [p.entry, p.network]) : t(PROBLEM_KEYS[p.kind], p.entry),
  );
  if (parsed.tooMany) texts.push(t('addressTooMany', String(MAX_EXTERNAL_ADDRESSES)));
  return texts;
}

/** The Ops Manager server's external addresses: asked once per key pair, sent with every link token made for it. */
export function ExternalAddressesField(props: { idPrefix: string; value: string; onInput: (text: string) => void }) {
  const id = `${props.idPrefix}-addresses`;
  const problems = addressProblemTexts(props.value);
  return (
    <>
      <label for={id}>{t('fieldExternalAddresses')}</label>
      <textarea
        id={id}
        rows={3}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-describedby={`${id}-help`}
        aria-invalid={problems.length > 0}
        autocomplete="off"
        spellcheck={false}
      />
      <p id={`${id}-help`} class="muted">
        {t('externalAddressesHelp')}
      </p>
      {problems.length > 0 && (
        <ul class="warnings" aria-live="polite" data-testid="address-problems">
          {problems.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Where an Atlas key is made, and with which role. */
export function AtlasKeyHelp() {
  return (
    <p class="muted" data-testid="atlas-key-help">
      {t('atlasKeyHelp')}
    </p>
  );
}

/**
 * A word beside the error of a key pair saved on the wrong side: a key that sees no Atlas org is most likely a Cloud
 * Manager key (choose Cloud Manager); a Cloud Manager key of an Atlas org belongs on the Atlas side.
 */
export function SideErrorHint(props: { error: ErrorView | undefined; side: KeySide }) {
  const { error, side } = props;
  const hint =
    error?.kind === 'not-atlas-org' && side === 'atlas'
      ? t('notAtlasKeyHint')
      : error?.kind === 'atlas-org' && side !== 'atlas'
        ? t('atlasOrgKeyHint')
        : undefined;
  // The hint asks for another side: the choice is shown (opening "More options" if it was folded).
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const more = ref.current?.closest('form')?.querySelector<HTMLDetailsElement>('details.more-options');
    if (more) more.open = true;
  }, [hint]);
  return hint ? (
    <p class="warnings" data-testid="side-hint" ref={ref}>
      {hint}
    </p>
  ) : null;
}
