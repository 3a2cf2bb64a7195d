import type { ComponentChildren } from 'preact';

/** The attributes the field's control must carry, so its label, help and error are read with it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

interface Props {
  id: string;
  label: string;
  help?: string;
  /** The problem to correct, shown under the control and announced when the control is focused. */
  error?: string | undefined;
  children: (control: FieldControlProps) => ComponentChildren;
}

/**
 * A labelled form control with its help text and its own error message. The error is not a live region:
 * the form's summary announces that something needs correcting and moves the focus to the first such field,
 * whose description then reads the sentence.
 */
export function FormField({ id, label, help, error, children }: Props) {
  const errorId = error ? `${id}-error` : undefined;
  const helpId = help ? `${id}-help` : undefined;
  const describedBy = [errorId, helpId].filter((x) => x !== undefined).join(' ');
  return (
    <div class="field">
      <label for={id} class="field__label">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? 'true' : undefined })}
      {error && (
        <p id={errorId} class="field__error">
          {error}
        </p>
      )}
      {help && (
        <p id={helpId} class="field__help">
          {help}
        </p>
      )}
    </div>
  );
}
