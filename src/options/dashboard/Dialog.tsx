// A modal dialog on the native <dialog>: the browser traps focus and Escape closes it; focus returns to the button
// that opened it, so a keyboard user continues where they were, unless the dialog's result has taken it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Dialog(props: {
  labelledBy: string;
  onClose: () => void;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog?.open) dialog.close();
      // The result of what the dialog did (in its row) may already have the focus: it stays there.
      const active = document.activeElement;
      if (!active || active === document.body || dialog?.contains(active)) opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="dash-dialog"
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={props.labelledBy}
      data-testid={props.testId}
      onCancel={(e) => {
        // Escape: let the owner unmount the dialog, which also restores focus.
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
