import { useEffect, useRef } from 'preact/hooks';

interface Props {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A question the operator must answer before a destructive action, rendered while it is asked. A native
 * modal `<dialog>` (not `window.confirm`) keeps it in the console's look and gives a focus trap, Escape and
 * an inert page behind it for free. The safe answer has the focus, so Enter does not destroy anything.
 */
export function ConfirmDialog({ message, confirmLabel, cancelLabel, onConfirm, onCancel }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      class="confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="confirm-message"
      onCancel={(event) => {
        // Escape: the parent decides, by no longer rendering the dialog.
        event.preventDefault();
        onCancel();
      }}
    >
      <p id="confirm-message" class="confirm__message">
        {message}
      </p>
      <div class="confirm__actions">
        <button type="button" class="button button--quiet" onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" class="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
