import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '../protocol.ts';
import { t } from '../i18n/index.ts';

interface Props {
  conversationId: string;
  value: string;
  autoFocus: boolean;
  onInput: (text: string) => void;
  /** Returns false when the text could not be queued (blank or too long). */
  onSend: (text: string) => boolean;
}

/** Warn about the length only near the limit, to keep the form quiet otherwise. */
const WARN_WITHIN = 200;

/** The reply field: Enter sends, Shift+Enter adds a line. */
export function Composer({ conversationId, value, autoFocus, onInput, onSend }: Props) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const left = LIMITS.messageLength - value.length;
  const isTooLong = left < 0;
  const ids = { field: `reply-${conversationId}`, hint: `reply-hint-${conversationId}`, count: `reply-count-${conversationId}` };

  useEffect(() => {
    if (autoFocus) fieldRef.current?.focus();
  }, [conversationId, autoFocus]);

  const send = () => {
    if (onSend(value)) fieldRef.current?.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="composer__label" for={ids.field}>
        {t.replyLabel}
      </label>
      <div class="composer__row">
        <textarea
          ref={fieldRef}
          id={ids.field}
          class="composer__field"
          rows={2}
          value={value}
          aria-describedby={`${ids.hint} ${ids.count}`}
          aria-invalid={isTooLong ? 'true' : undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
          onKeyDown={(event) => {
            // isComposing: Enter also confirms an IME composition (e.g. accented or CJK input); do not send then.
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" class="button" disabled={isTooLong || value.trim().length === 0}>
          {t.sendButton}
        </button>
      </div>
      <p id={ids.hint} class="composer__hint">
        {t.replyHint}
      </p>
      <p id={ids.count} class={`composer__count${isTooLong ? ' composer__count--error' : ''}`} aria-live="polite">
        {isTooLong ? t.tooLong(-left) : left <= WARN_WITHIN ? t.charactersLeft(left) : ''}
      </p>
    </form>
  );
}
