import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translator } from '../i18n/index.ts';
import type { TimelineItem } from '../state/index.ts';
import { MessageItem } from './MessageItem.tsx';

interface Props {
  items: readonly TimelineItem[];
  t: Translator;
  now: Date;
  isOpen: boolean;
  /** Above the messages: the chat's welcome, or the reply promise while nobody can chat. */
  intro: ComponentChildren;
  /** After the messages: the rating prompt once resolved. */
  footer?: ComponentChildren;
  /** Changes when the footer appears or changes size, so it is scrolled into view like a new message. */
  footerKey?: string | undefined;
}

/** The conversation, oldest first; keeps the newest in view when the visitor is already at the bottom. */
export function MessageList({ items, t, now, isOpen, intro, footer, footerKey }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const wasAtBottom = useRef(true);
  const last = items.at(-1);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const isOwn = last !== undefined && last.kind !== 'stored';
    if (wasAtBottom.current || isOwn) el.scrollTop = el.scrollHeight;
  }, [last?.key, last?.status, isOpen, footerKey]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) wasAtBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };

  let previousAuthor: string | null = null;
  return (
    // Focusable so that keyboard users can scroll the history.
    <section class="log" aria-label={t.text('messagesLabel')} tabIndex={0} ref={scroller} onScroll={onScroll}>
      {intro}
      <ol class="list">
        {items.map((item) => {
          const author =
            item.kind === 'stored' && item.message.author !== 'visitor' ? `${item.message.author}:${item.message.authorName}` : 'me';
          const isFirstOfRun = author !== previousAuthor;
          previousAuthor = author;
          return <MessageItem key={item.key} item={item} t={t} now={now} showName={isFirstOfRun} />;
        })}
      </ol>
      {footer}
    </section>
  );
}
