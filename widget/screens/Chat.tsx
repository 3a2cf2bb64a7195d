import type { ReadonlySignal, Signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ContinueNotice, type ContinueState } from '../components/ContinueNotice.tsx';
import type { Availability } from '../../shared/protocol/availability.ts';
import {
  Composer,
  ConnectionNotice,
  MessageList,
  RatingPrompt,
  ReplyTime,
  SelfHelp,
  TypingIndicator,
  UpdateStatus,
  type SelfHelpSource,
} from '../components/index.ts';
import type { Translator } from '../i18n/index.ts';
import {
  buildTimeline,
  type ChatState,
  type ConnectionState,
  type FormField,
  type FormValues,
  type Outbox,
  type Look,
  type RatingPrompt as RatingPromptState,
  initialsOf,
} from '../state/index.ts';
import type { Session } from '../transport/index.ts';
import { LeaveMessage } from './LeaveMessage.tsx';

/** A sent form the server refused for a field: shown again, filled in, with the error at that field. */
export interface FormRetry {
  values: FormValues;
  refused: FormField;
}

export interface ChatProps {
  t: Translator;
  chat: ChatState;
  outbox: Outbox;
  session: Pick<Session, 'sendMessage' | 'typing'>;
  connection: ReadonlySignal<ConnectionState>;
  isOpen: ReadonlySignal<boolean>;
  /** What the widget should show; null (never learned) reads as the form. */
  availability: ReadonlySignal<Availability | null>;
  /** The owner's look (the accent colour and side are the loader's, on the host element). */
  look: Look;
  /**
   * The owner's preview of another moment: times are read as of `availability.at`, and sending is disabled
   * with a note saying so.
   */
  isPreview: boolean;
  isEmailRequired: ReadonlySignal<boolean>;
  formRetry: ReadonlySignal<FormRetry | null>;
  /** The latest message from the team, for the polite live region. */
  announcement: ReadonlySignal<string>;
  selfHelp: SelfHelpSource;
  /** The quick rating offered after a resolve. */
  rating: RatingPromptState;
  onSubmitForm(values: FormValues, website: string): void;
  onClose(): void;
  onReload(): void;
  /** A continue link from a mail that did not open the thread (null: none, or it worked). */
  continueLink: Signal<ContinueState | null>;
  onRenewLink(): void;
}

/**
 * The panel: a non-modal dialog above the launcher (full screen on small phones). It stays in the DOM
 * while closed, hidden, so a half-written message survives closing it. While someone can chat it is the
 * live chat; otherwise it is the message form until the visitor has a thread, then the thread with the
 * reply promise on top and a composer for follow-ups (the same conversation either way).
 */
export function Chat(props: ChatProps) {
  const { t, chat, outbox, session, connection, isOpen, announcement, onClose, onReload } = props;
  const input = useRef<HTMLTextAreaElement>(null);
  /** What the visitor typed in the form, carried into the composer if the chat goes live meanwhile. */
  const draft = useRef('');
  const open = isOpen.value;
  const availability = props.availability.value;
  const isLive = availability?.mode === 'chat';
  const now = props.isPreview && availability ? new Date(availability.at) : new Date();
  const { greeting } = props.look;
  const initials = props.look.avatarInitials ?? (availability ? initialsOf(availability.teamName, t.lang) : '');
  const previewNote = props.isPreview ? <p id="pl-preview" class="note preview">{t.text('previewNote')}</p> : null;
  const conversation = chat.conversation.value;

  const items = buildTimeline(
    chat.messages.value,
    outbox.entries.value,
    chat.refused.value,
    conversation?.operatorSeenSeq ?? 0,
  );
  const retry = props.formRetry.value;
  const isForm = !isLive && (retry !== null || items.length === 0);

  useLayoutEffect(() => {
    if (open) input.current?.focus();
  }, [open, isForm]);

  const minutes = availability?.chatReplyMinutes ?? null;
  const help = (text: string) => <SelfHelp t={t} text={text} source={props.selfHelp} />;
  return (
    <>
      <div
        id="pl-dialog"
        class={isLive ? 'panel' : 'panel away'}
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
          {initials !== '' && (
            <span class="avatar" aria-hidden="true">
              {initials}
            </span>
          )}
          <div class="heading">
            <h2 id="pl-title" class="title">
              {isLive ? t.text('title') : t.text('away')}
            </h2>
            {isLive && minutes !== null && (
              <p class="reply-time">{minutes <= 5 ? t.text('typicallyFew') : t.text('typically', { in: t.inMinutes(minutes) })}</p>
            )}
          </div>
          <button type="button" class="close" aria-label={t.text('close')} onClick={onClose}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
            </svg>
          </button>
        </header>
        <ConnectionNotice state={connection.value} t={t} onReload={onReload} />
        <ContinueNotice state={props.continueLink} t={t} onRenew={props.onRenewLink} />
        {isForm ? (
          <LeaveMessage
            // A refused form comes back as a fresh form holding what was sent.
            key={retry ? JSON.stringify(retry) : 'form'}
            t={t}
            availability={availability}
            now={now}
            isEmailRequired={props.isEmailRequired.value}
            initial={retry ?? { values: { body: draft.current, name: '', email: '' } }}
            greeting={greeting}
            previewNote={previewNote}
            inputRef={input}
            help={help}
            onDraft={(body) => (draft.current = body)}
            onSubmit={(values, website) => {
              draft.current = '';
              props.onSubmitForm(values, website);
            }}
          />
        ) : (
          <>
            <MessageList
              items={items}
              t={t}
              now={now}
              isOpen={open}
              intro={
                <>
                  {/* The owner's greeting is the first line of an empty chat (rendered as text, never as HTML). */}
                  {greeting !== null && items.length === 0 && <p class="greeting">{greeting}</p>}
                  {isLive ? <p class="intro">{t.text('intro')}</p> : <ReplyTime t={t} availability={availability} now={now} />}
                </>
              }
              footer={<RatingPrompt t={t} prompt={props.rating} onClose={() => input.current?.focus()} />}
              footerKey={props.rating.step.value?.step}
            />
            <TypingIndicator typing={chat.operatorTyping.value} t={t} />
            {/* Resolved or not, the composer stays: writing again reopens the same conversation. */}
            <UpdateStatus t={t} promise={conversation?.updateBy ?? null} />
            <Composer
              t={t}
              inputRef={input}
              help={help}
              initialText={draft.current}
              previewNote={previewNote}
              onSend={(body) => {
                draft.current = '';
                session.sendMessage(body);
              }}
              onTyping={(hasText) => session.typing.input(hasText)}
              onStopTyping={() => session.typing.stop()}
            />
          </>
        )}
      </div>
      <div class="sr" aria-live="polite">
        {announcement.value}
      </div>
    </>
  );
}
