// Asked before a key pair (or a client's rename) is saved under a name close to a saved client's: the same but for
// case or spacing, or one name the start of the other ("Globex" beside "Globex Logistics"). Key pairs are paired by
// the exact name, so the user chooses: the saved client's name, or the new one as typed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { nearMatches } from '../core/vault/client-names';
import { t } from '../shared/text/i18n';

export interface ClientNameCheck {
  /** The name held for a question, and the saved names it is close to. */
  asked?: { typed: string; matches: string[] };
  /** True when saving `label` waits for the question (now shown); false when it may go on. */
  holds: (label: string) => boolean;
  /** Records the answer (a name kept is not asked about again) and closes the question. */
  answer: (label: string) => void;
}

/** The check of a typed client name against the saved `names` (a name the user chose to keep is not asked again). */
export function useClientNameCheck(names: readonly string[]): ClientNameCheck {
  const [asked, setAsked] = useState<ClientNameCheck['asked']>();
  const [chosen, setChosen] = useState<string>();
  return {
    asked,
    holds(label) {
      const typed = label.trim();
      const matches = typed === chosen ? [] : nearMatches(typed, names);
      setAsked(matches.length > 0 ? { typed, matches } : undefined);
      return matches.length > 0;
    },
    answer(label) {
      setChosen(label.trim());
      setAsked(undefined);
    },
  };
}

/** An answer for a key-pair form: the chosen name goes into the form's draft, and the draft is saved with it. */
export function saveWithName<D extends { label: string }>(
  draft: D,
  setDraft: (next: D) => void,
  save: (next: D) => void,
) {
  return (label: string) => {
    const next = { ...draft, label };
    setDraft(next);
    save(next);
  };
}

/**
 * The question, while the field still holds the name it is about; `onAnswer` gets the name chosen (a saved one, or
 * the typed one) and saves with it. The first choice takes the focus, so the keyboard answers at once.
 */
export function ClientNameQuestion(props: {
  check: ClientNameCheck;
  label: string;
  onAnswer: (label: string) => void;
}) {
  const { asked } = props.check;
  const first = useRef<HTMLButtonElement>(null);
  const open = asked !== undefined && asked.typed === props.label.trim();
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open, asked]);
  if (!open) return null;
  const choose = (label: string) => {
    props.check.answer(label);
    props.onAnswer(label);
  };
  const question = t('clientNearMatch', [asked.typed, asked.matches.join(', ')]);
  return (
    <div class="notice warning" role="alertdialog" aria-label={question} data-testid="client-near-match">
      <p>{question}</p>
      <div class="row">
        {asked.matches.map((name, i) => (
          <button
            key={name}
            type="button"
            class="primary"
            ref={i === 0 ? first : undefined}
            onClick={() => choose(name)}
          >
            {t('clientUseExisting', name)}
          </button>
        ))}
        <button type="button" onClick={() => choose(asked.typed)}>
          {t('clientKeepTyped', asked.typed)}
        </button>
      </div>
    </div>
  );
}
