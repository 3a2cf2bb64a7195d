import type { ReadonlySignal } from '@preact/signals';
import type { SavedReply } from '../../shared/index.ts';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../protocol.ts';
import { t } from '../i18n/index.ts';
import { fillPlaceholders, matchSavedReplies, savedReplyTrigger, type PlaceholderValues } from '../state/index.ts';

interface Props {
  conversationId: string;
  value: string;
  autoFocus: boolean;
  onInput: (text: string) => void;
  /** Returns false when the text could not be queued (blank or too long). */
  onSend: (text: string) => boolean;
  /** The site's saved replies, offered when the operator types "/" at the start of a line. */
  savedReplies?: ReadonlySignal<SavedReply[]> | undefined;
  /** What the saved replies' placeholders stand for in this conversation. */
  placeholderValues?: PlaceholderValues;
}

/** Warn about the length only near the limit, to keep the form quiet otherwise. */
const WARN_WITHIN = 200;

const NO_VALUES: PlaceholderValues = { firstName: null, name: null, operatorName: '', teamName: '' };

/**
 * The reply field: Enter sends, Shift+Enter adds a line. Typing "/" at the start of a line opens the saved
 * replies that match what follows (the ARIA combobox pattern, the field keeping focus): arrows choose,
 * Enter or Tab inserts the reply with its placeholders filled, Escape closes. While the list is open Enter
 * never sends; with nothing matching it only closes the list, so a mistyped shortcut is not sent by accident.
 */
export function Composer({ conversationId, value, autoFocus, onInput, onSend, savedReplies, placeholderValues = NO_VALUES }: Props) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** Where to put the caret after inserting a reply, once the new value is rendered. */
  const pendingCaret = useRef<number | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [hasFocus, setHasFocus] = useState(false);
  const [active, setActive] = useState(0);
  /** The text for which the list was closed (Escape, or a reply just inserted); it reopens when the text changes. */
  const [closedFor, setClosedFor] = useState<string | null>(null);

  const left = LIMITS.messageLength - value.length;
  const isTooLong = left < 0;
  const ids = {
    field: `reply-${conversationId}`,
    hint: `reply-hint-${conversationId}`,
    count: `reply-count-${conversationId}`,
    list: `reply-suggestions-${conversationId}`,
    option: (replyId: string) => `reply-suggestion-${conversationId}-${replyId}`,
  };

  const replies = savedReplies?.value ?? [];
  const offersReplies = replies.length > 0;
  const trigger = offersReplies && hasFocus && closedFor !== value ? savedReplyTrigger(value, Math.min(caret ?? value.length, value.length)) : null;
  const matches = trigger ? matchSavedReplies(replies, trigger.query) : [];
  const isOpen = trigger !== null;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const activeReply = isOpen ? matches[activeIndex] : undefined;

  useEffect(() => {
    if (autoFocus) fieldRef.current?.focus();
  }, [conversationId, autoFocus]);

  useEffect(() => {
    setClosedFor(null);
    setActive(0);
    setCaret(null);
  }, [conversationId]);

  useLayoutEffect(() => {
    const field = fieldRef.current;
    if (pendingCaret.current === null || !field) return;
    field.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  }, [value]);

  useEffect(() => {
    if (!activeReply) return;
    listRef.current?.querySelector(`[id="${ids.option(activeReply.id)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeReply?.id]);

  const send = () => {
    if (onSend(value)) fieldRef.current?.focus();
  };

  const insert = (reply: SavedReply) => {
    if (!trigger) return;
    const end = trigger.start + 1 + trigger.query.length;
    const body = fillPlaceholders(reply.body, placeholderValues, t.placeholderNameFallback);
    const next = value.slice(0, trigger.start) + body + value.slice(end);
    pendingCaret.current = trigger.start + body.length;
    // A reply may itself end in "/word"; keep the list closed until the operator types again.
    setClosedFor(next);
    setActive(0);
    onInput(next);
    fieldRef.current?.focus();
  };

  const noteCaret = (event: { currentTarget: HTMLTextAreaElement }) => setCaret(event.currentTarget.selectionStart);

  const onKeyDown = (event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) => {
    // isComposing: Enter also confirms an IME composition (e.g. accented or CJK input); do nothing else then.
    if (event.isComposing) return;
    if (isOpen) {
      const count = matches.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (count > 0) setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey && activeReply)) {
        event.preventDefault();
        if (activeReply) insert(activeReply);
        else setClosedFor(value);
        return;
      }
      if (event.key === 'Escape') {
        // Only the list closes, not whatever contains the composer.
        event.preventDefault();
        event.stopPropagation();
        setClosedFor(value);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
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
        <div class="composer__box">
          <textarea
            ref={fieldRef}
            id={ids.field}
            class="composer__field"
            rows={2}
            value={value}
            role={offersReplies ? 'combobox' : undefined}
            aria-autocomplete={offersReplies ? 'list' : undefined}
            aria-expanded={offersReplies ? (isOpen ? 'true' : 'false') : undefined}
            aria-controls={isOpen ? ids.list : undefined}
            aria-activedescendant={activeReply ? ids.option(activeReply.id) : undefined}
            aria-describedby={`${ids.hint} ${ids.count}`}
            aria-invalid={isTooLong ? 'true' : undefined}
            onInput={(event) => {
              noteCaret(event);
              setActive(0);
              onInput(event.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
            onKeyUp={noteCaret}
            onClick={noteCaret}
            onFocus={(event) => {
              setHasFocus(true);
              noteCaret(event);
            }}
            onBlur={() => setHasFocus(false)}
          />
          {isOpen && (
            <div class="saved-reply-popup">
              <ul ref={listRef} id={ids.list} class="saved-reply-popup__list" role="listbox" aria-label={t.savedReplySuggestionsLabel}>
                {matches.map((reply, index) => (
                  <li
                    key={reply.id}
                    id={ids.option(reply.id)}
                    role="option"
                    aria-selected={index === activeIndex ? 'true' : 'false'}
                    class={`saved-reply-option${index === activeIndex ? ' saved-reply-option--active' : ''}`}
                    // Keep the focus (and the caret) in the field.
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => index !== activeIndex && setActive(index)}
                    onClick={() => insert(reply)}
                  >
                    <span class="saved-reply-option__shortcut">/{reply.shortcut}</span>
                    <span class="saved-reply-option__title">{reply.title}</span>
                    <span class="saved-reply-option__preview">
                      {fillPlaceholders(reply.body, placeholderValues, t.placeholderNameFallback).replace(/\s+/g, ' ')}
                    </span>
                  </li>
                ))}
              </ul>
              {matches.length === 0 && (
                <p class="saved-reply-popup__empty" aria-hidden="true">
                  {t.savedReplyNoMatch}
                </p>
              )}
            </div>
          )}
          {/* Always in the page, so screen readers announce changes to it. */}
          <p class="visually-hidden" role="status">
            {isOpen ? (matches.length === 0 ? t.savedReplyNoMatch : t.savedReplySuggestionCount(matches.length)) : ''}
          </p>
        </div>
        <button type="submit" class="button" disabled={isTooLong || value.trim().length === 0}>
          {t.sendButton}
        </button>
      </div>
      <p id={ids.hint} class="composer__hint">
        {offersReplies ? t.replyHintWithSavedReplies : t.replyHint}
      </p>
      <p id={ids.count} class={`composer__count${isTooLong ? ' composer__count--error' : ''}`} aria-live="polite">
        {isTooLong ? t.tooLong(-left) : left <= WARN_WITHIN ? t.charactersLeft(left) : ''}
      </p>
    </form>
  );
}
