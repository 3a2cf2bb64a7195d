import type { ComponentChildren } from 'preact';
import { FormField, type FieldControlProps } from '../FormField.tsx';
import { settingsFieldId } from '../../state/index.ts';

/** The messages of a refused save, by the id of the control they belong to. */
export type FieldMessages = Readonly<Record<string, string>>;

interface Props {
  /** Where the value sits in the settings document; gives the control its id, which the server's issues name. */
  path: (string | number)[];
  label: string;
  help?: string;
  errors: FieldMessages;
  children: (control: FieldControlProps) => ComponentChildren;
}

/** A FormField for one value of the settings document, with the server's issue about it shown under it. */
export function SettingsField({ path, label, help, errors, children }: Props) {
  const id = settingsFieldId(path);
  return (
    <FormField id={id} label={label} {...(help ? { help } : {})} error={errors[id]}>
      {children}
    </FormField>
  );
}

interface ChoiceProps<Value extends string> {
  path: (string | number)[];
  legend: string;
  value: Value;
  choices: readonly Value[];
  names: Record<Value, string>;
  /** A plain-words explanation of each choice, read with it. */
  explanations?: Record<Value, string>;
  errors: FieldMessages;
  onChange: (value: Value) => void;
}

/**
 * A set of radio buttons in a fieldset. The fieldset carries the path's id (and takes the focus from the error
 * summary), and is described by its error.
 */
export function ChoiceField<Value extends string>({ path, legend, value, choices, names, explanations, errors, onChange }: ChoiceProps<Value>) {
  const id = settingsFieldId(path);
  const error = errors[id];
  return (
    <fieldset id={id} class="field settings-choices" tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="field__label">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice} class="settings-choice">
          <input
            type="radio"
            name={id}
            value={choice}
            checked={value === choice}
            aria-describedby={explanations ? `${id}-${choice}-help` : undefined}
            onChange={() => onChange(choice)}
          />
          <span>
            <span class="settings-choice__name">{names[choice]}</span>
            {explanations && (
              <span id={`${id}-${choice}-help`} class="field__help settings-choice__help">
                {explanations[choice]}
              </span>
            )}
          </span>
        </label>
      ))}
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A list-level message (e.g. "each origin once"), under the list's heading, which carries the path's id. */
export function ListError({ path, errors }: { path: (string | number)[]; errors: FieldMessages }) {
  const id = settingsFieldId(path);
  const error = errors[id];
  return error ? (
    <p id={`${id}-error`} class="field__error">
      {error}
    </p>
  ) : null;
}
