import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';
// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';
import type { Translator } from '../i18n/index.ts';

interface Props {
  t: Translator;
  inputRef: Ref<HTMLTextAreaElement>;
  /** Text to start with (what the visitor had typed in the form when the chat went live). */
  initialText?: string;
  onSend(body: string): void;
  onTyping(hasText: boolean): void;
  onStopTyping(): void;
  /** Shown above the box, given what it holds (the self-help suggestions). */
  help(text: string): ComponentChildren;
  /** In the owner's preview: the note that replaces sending (Send is disabled). */
  previewNote?: ComponentChildren;
}

/** Shows the limit only when it starts to matter. */
const COUNTER_FROM = LIMITS.messageLength - 500;

/** The message box: Enter sends, Shift+Enter starts a new line; refuses blank and over-long text. */
export function Composer({ t, inputRef, initialText = '', onSend, onTyping, onStopTyping, help, previewNote }: Props) {
  const [text, setText] = useState(initialText);
  const remaining = LIMITS.messageLength - text.length;
  const isTooLong = remaining < 0;
  const isBlank = text.trim() === '';
  const hasCounter = text.length >= COUNTER_FROM;

  const submit = (form: HTMLFormElement | null) => {
    if (isBlank || isTooLong || previewNote) return;
    onSend(text);
    setText('');
    // The Send button is disabled once the box is empty, and a disabled button drops focus to the host
    // page, where Escape and typing no longer reach the chat: keep focus in the message box instead.
    form?.querySelector('textarea')?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      {help(text)}
      <textarea
        ref={inputRef}
        class="input"
        rows={2}
        value={text}
        aria-label={t.text('messageLabel')}
        placeholder={t.text('placeholder')}
        aria-invalid={isTooLong}
        aria-describedby={hasCounter ? 'pl-count' : undefined}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          onTyping(value.trim() !== '');
        }}
        onBlur={onStopTyping}
        onKeyDown={(e) => {
          // isComposing: Enter also confirms an IME composition (e.g. when typing Chinese); do not send then.
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit(e.currentTarget.form);
          }
        }}
      />
      <button
        class="send"
        type="submit"
        disabled={isBlank || isTooLong || Boolean(previewNote)}
        aria-describedby={previewNote ? 'pl-preview' : undefined}
      >
        {t.text('send')}
      </button>
      {previewNote}
      {hasCounter && (
        <p id="pl-count" class={isTooLong ? 'count over' : 'count'} aria-live="polite">
          {isTooLong
            ? t.plural('tooLongBy', -remaining, { limit: LIMITS.messageLength })
            : t.plural('charactersLeft', remaining, { limit: LIMITS.messageLength })}
        </p>
      )}
    </form>
  );
}
