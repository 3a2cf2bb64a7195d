import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';
import type { Availability } from '../../shared/protocol/availability.ts';
// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';
import { Channels, NextOnline, ReplyTime } from '../components/index.ts';
import type { Translator } from '../i18n/index.ts';
import { validateForm, type FormErrors, type FormField, type FormValues } from '../state/index.ts';

export interface LeaveMessageProps {
  t: Translator;
  availability: Availability | null;
  now: Date;
  /** Whether to ask for an address (not when this visitor gave one before). */
  isEmailRequired: boolean;
  /** Values to start from and the field the server refused, when a sent form came back. */
  initial: { values: FormValues; refused?: FormField };
  inputRef: Ref<HTMLTextAreaElement>;
  /** Each change of the message text, so it survives a switch to live chat. */
  onDraft(body: string): void;
  onSubmit(values: FormValues, website: string): void;
  /** Shown above the message field, given its text (the self-help suggestions). */
  help(text: string): ComponentChildren;
  /** The owner's greeting, the first line of the form (text, never HTML); null: none. */
  greeting?: string | null;
  /** In the owner's preview: the note that replaces sending (the submit button is disabled). */
  previewNote?: ComponentChildren;
}

const FIELDS: readonly FormField[] = ['body', 'name', 'email'];
/** What to say at a field the server refused (its own sentence is English; ours is the visitor's language). */
const REFUSAL_ERRORS = { body: 'errorGeneric', name: 'errorName', email: 'errorEmail' } as const;

/**
 * The message form shown when nobody can chat: the promise (by when, in the visitor's zone), when the chat
 * opens, the owner's other channels, then message, name and e-mail. Errors sit under their fields, tied with
 * aria-describedby; on submit the first invalid field takes focus.
 */
export function LeaveMessage(props: LeaveMessageProps) {
  const { t, availability, now, isEmailRequired, initial, inputRef, onSubmit } = props;
  const [values, setValues] = useState<FormValues>(initial.values);
  const [errors, setErrors] = useState<FormErrors>(initial.refused ? { [initial.refused]: REFUSAL_ERRORS[initial.refused] } : {});

  const field = (name: FormField, label: string, input: preact.JSX.Element) => {
    const error = errors[name];
    return (
      <p class="field">
        <label for={`pl-f-${name}`}>{label}</label>
        {input}
        {error && (
          <span class="error" id={`pl-e-${name}`}>
            {t.text(error, { limit: LIMITS.messageLength })}
          </span>
        )}
      </p>
    );
  };
  const common = (name: FormField) => ({
    id: `pl-f-${name}`,
    value: values[name],
    'aria-invalid': errors[name] !== undefined,
    'aria-describedby': errors[name] ? `pl-e-${name}` : undefined,
    onInput: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues({ ...values, [name]: value });
      if (name === 'body') props.onDraft(value);
    },
  });

  return (
    <div class="log form-screen">
      {props.greeting && <p class="greeting">{props.greeting}</p>}
      <p class="intro">{t.text('formIntro')}</p>
      <ReplyTime t={t} availability={availability} now={now} />
      <NextOnline t={t} availability={availability} now={now} />
      <form
        class="form"
        aria-labelledby="pl-title"
        aria-describedby="pl-reply"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (props.previewNote) return;
          const form = e.currentTarget;
          const found = validateForm(values, isEmailRequired);
          setErrors(found);
          const first = FIELDS.find((name) => found[name]);
          if (first) {
            form.querySelector<HTMLElement>(`#pl-f-${first}`)?.focus();
            return;
          }
          const website = form.querySelector<HTMLInputElement>('[name=website]')?.value ?? '';
          onSubmit({ body: values.body, name: values.name.trim(), email: values.email.trim() }, website);
        }}
      >
        {props.help(values.body)}
        {field('body', t.text('messageLabel'), <textarea {...common('body')} ref={inputRef} rows={4} required class="input" />)}
        {field('name', t.text('nameLabel'), <input {...common('name')} type="text" autocomplete="name" class="input" />)}
        {isEmailRequired &&
          field('email', t.text('emailLabel'), <input {...common('email')} type="email" autocomplete="email" required class="input" />)}
        {/* A honeypot: people (and their screen readers) never meet it; bots that fill every field do. */}
        <div class="hp" aria-hidden="true">
          <label for="pl-f-website">Website</label>
          <input id="pl-f-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
        </div>
        <button class="send" type="submit" disabled={Boolean(props.previewNote)} aria-describedby={props.previewNote ? 'pl-preview' : undefined}>
          {t.text('sendForm')}
        </button>
        {props.previewNote}
      </form>
      <Channels t={t} availability={availability} now={now} />
    </div>
  );
}
