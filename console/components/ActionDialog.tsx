import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';

interface Props {
  /** Unique per dialog kind, for the ids that label it. */
  id: string;
  title: string;
  submitLabel: string;
  /** Does the work; resolves to the sentence to show when it failed, or null when done (the dialog closes). */
  onSubmit: () => Promise<string | null>;
  onClose: () => void;
  children: ComponentChildren;
}

/**
 * A small form in a native modal `<dialog>`, like ConfirmDialog: focus moves into it (to the element marked
 * `autoFocus`, else the first field), Tab stays inside, Escape cancels, and focus goes back to the button
 * that opened it. An error from the server is shown as text in an alert inside the form, which stays open
 * with what was typed.
 */
export function ActionDialog({ id, title, submitLabel, onSubmit, onClose, children }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [isWorking, setWorking] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = dialog.ownerDocument.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      class="action-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!isWorking) onClose();
      }}
    >
      <form
        class="action-dialog__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (isWorking) return;
          setWorking(true);
          setError(null);
          void onSubmit().then((problem) => {
            setWorking(false);
            if (problem === null) onClose();
            else setError(problem);
          });
        }}
      >
        <h2 id={`${id}-title`} class="action-dialog__title">
          {title}
        </h2>
        {children}
        <p role="alert" class="alert action-dialog__error">
          {error}
        </p>
        <div class="action-dialog__actions">
          <button type="button" class="button button--quiet" onClick={onClose} disabled={isWorking}>
            {t.cancelButton}
          </button>
          <button type="submit" class="button" aria-disabled={isWorking ? 'true' : undefined}>
            {isWorking ? t.working : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
