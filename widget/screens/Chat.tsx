import type { ReadonlySignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Composer, ConnectionNotice, MessageList, TypingIndicator } from '../components/index.ts';
import type { Translator } from '../i18n/index.ts';
import { buildTimeline, type ChatState, type ConnectionState, type Outbox } from '../state/index.ts';
import type { Session } from '../transport/index.ts';

export interface ChatProps {
  t: Translator;
  chat: ChatState;
  outbox: Outbox;
  session: Pick<Session, 'sendMessage' | 'typing'>;
  connection: ReadonlySignal<ConnectionState>;
  isOpen: ReadonlySignal<boolean>;
  /** The latest message from the team, for the polite live region. */
  announcement: ReadonlySignal<string>;
  onClose(): void;
  onReload(): void;
}

/**
 * The chat panel: a non-modal dialog above the launcher (full screen on small phones). It stays in the DOM
 * while closed, hidden, so a half-written message survives closing it.
 */
export function Chat({ t, chat, outbox, session, connection, isOpen, announcement, onClose, onReload }: ChatProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const open = isOpen.value;

  useLayoutEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const items = buildTimeline(
    chat.messages.value,
    outbox.entries.value,
    chat.refused.value,
    chat.conversation.value?.operatorSeenSeq ?? 0,
  );

  return (
    <>
      <div
        id="pl-dialog"
        class="panel"
        role="dialog"
        aria-labelledby="pl-title"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header class="head">
          <h2 id="pl-title" class="title">
            {t.text('title')}
          </h2>
          <button type="button" class="close" aria-label={t.text('close')} onClick={onClose}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
            </svg>
          </button>
        </header>
        <ConnectionNotice state={connection.value} t={t} onReload={onReload} />
        <MessageList items={items} t={t} now={new Date()} isOpen={open} />
        <TypingIndicator typing={chat.operatorTyping.value} t={t} />
        <Composer
          t={t}
          inputRef={input}
          onSend={(body) => session.sendMessage(body)}
          onTyping={(hasText) => session.typing.input(hasText)}
          onStopTyping={() => session.typing.stop()}
        />
      </div>
      <div class="sr" aria-live="polite">
        {announcement.value}
      </div>
    </>
  );
}
