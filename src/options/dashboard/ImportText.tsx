// The text an import reads: a file (read in the page, never sent anywhere) or text pasted in place, with the help
// that says what a line holds (words from the caller). A file larger than MAX_IMPORT_BYTES is refused unread.

export const MAX_IMPORT_BYTES = 1_000_000;

export function ImportText(props: {
  id: string;
  help: string;
  fileLabel: string;
  textLabel: string;
  text: string;
  onText: (text: string) => void;
  onTooLarge: () => void;
}) {
  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) props.onTooLarge();
    else props.onText(await file.text());
  };
  return (
    <>
      <p id={`${props.id}-help`} class="muted">
        {props.help}
      </p>
      <label for={`${props.id}-file`}>{props.fileLabel}</label>
      <input
        id={`${props.id}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => pick(e.currentTarget.files?.[0])}
      />
      <label for={`${props.id}-text`}>{props.textLabel}</label>
      <textarea
        id={`${props.id}-text`}
        value={props.text}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${props.id}-help`}
        onInput={(e) => props.onText(e.currentTarget.value)}
      />
    </>
  );
}
