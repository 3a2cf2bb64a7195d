import type { ConversationSummary, OperatorPresence } from '../../shared/index.ts';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import {
  FOLLOW_UP_DAYS,
  followUpAt,
  fromLocalInputValue,
  isFollowUpDue,
  promiseChoices,
  toLocalInputValue,
  type ActionResult,
  type Inbox,
} from '../state/index.ts';
import { LIMITS } from '../protocol.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { useUi } from './ui-context.ts';

interface Props {
  inbox: Inbox;
  conversation: ConversationSummary;
  operatorId: string;
  /** The team, from `presence:list`, for the assignee choice. */
  operators: readonly OperatorPresence[];
}

type OpenDialog = 'assign' | 'note' | 'promise' | 'resolve' | null;

const STATUS_TEXT = { online: t.statusOnline, away: t.statusAway, offline: t.statusOffline } as const;

/** The sentence to show for a failed action, or null when it worked. */
const problemOf = (result: ActionResult) => (result.ok ? null : result.error.message);

/**
 * What an operator can do with a conversation: assign or transfer it (with an internal note), write an
 * internal note, promise an update by a time (or withdraw it), resolve it with an optional follow-up,
 * reopen it, dismiss a due follow-up. Every action goes through the socket with an ack; a refusal is shown
 * as text, in the dialog or in the bar's alert.
 */
export function ConversationActions({ inbox, conversation, operatorId, operators }: Props) {
  const { now } = useUi();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [barError, setBarError] = useState<string | null>(null);
  const id = conversation.id;
  const run = async (action: Promise<ActionResult>) => {
    setBarError(null);
    setBarError(problemOf(await action));
  };
  const close = () => setDialog(null);
  const isResolved = conversation.status === 'resolved';
  const isDue = isFollowUpDue(conversation, now.value);

  return (
    <div class="actions">
      <div class="actions__bar" role="toolbar" aria-label={t.actionsLabel}>
        <button type="button" class="button button--small" onClick={() => setDialog('assign')}>
          {t.assignButton}
        </button>
        <button type="button" class="button button--small button--note" onClick={() => setDialog('note')}>
          {t.addNoteButton}
        </button>
        {!isResolved && (
          <button type="button" class="button button--small" onClick={() => setDialog('promise')}>
            {t.updateByButton}
          </button>
        )}
        {conversation.updateBy && (
          <button type="button" class="button button--small button--quiet" onClick={() => void run(inbox.promiseUpdate(id, null))}>
            {t.withdrawPromiseButton}
          </button>
        )}
        {isResolved ? (
          <button type="button" class="button button--small" onClick={() => void run(inbox.reopen(id))}>
            {t.reopenButton}
          </button>
        ) : (
          <button type="button" class="button button--small" onClick={() => setDialog('resolve')}>
            {t.resolveButton}
          </button>
        )}
        {isDue && (
          <button type="button" class="button button--small button--quiet" onClick={() => void run(inbox.setFollowUp(id, null))}>
            {t.dismissFollowUpButton}
          </button>
        )}
      </div>
      <p role="alert" class="alert actions__error">
        {barError}
      </p>
      {dialog === 'assign' && <AssignDialog {...{ inbox, conversation, operatorId, operators }} onClose={close} />}
      {dialog === 'note' && <NoteDialog inbox={inbox} conversationId={id} onClose={close} />}
      {dialog === 'promise' && <PromiseDialog inbox={inbox} conversationId={id} onClose={close} />}
      {dialog === 'resolve' && <ResolveDialog inbox={inbox} conversationId={id} onClose={close} />}
    </div>
  );
}

function AssignDialog({ inbox, conversation, operatorId, operators, onClose }: Props & { onClose: () => void }) {
  const [target, setTarget] = useState<string>(conversation.assigneeId ?? '');
  const [note, setNote] = useState('');
  // The current assignee stays choosable even when the team list does not have them (yet).
  const known = new Set(operators.map((o) => o.operatorId));
  return (
    <ActionDialog
      id="assign"
      title={t.assignHeading}
      submitLabel={t.assignSubmit}
      onClose={onClose}
      onSubmit={async () => problemOf(await inbox.assign(conversation.id, target === '' ? null : target, note))}
    >
      <label class="field__label" for="assign-target">
        {t.assignToLabel}
      </label>
      <select id="assign-target" class="field__input" value={target} autoFocus onChange={(e) => setTarget(e.currentTarget.value)}>
        <option value="">{t.assignWholeTeam}</option>
        {operators.map((o) => (
          <option key={o.operatorId} value={o.operatorId}>
            {o.operatorId === operatorId ? t.assignOptionMe(o.name) : t.assignOption(o.name, STATUS_TEXT[o.status])}
          </option>
        ))}
        {conversation.assigneeId && !known.has(conversation.assigneeId) && (
          <option value={conversation.assigneeId}>{conversation.assigneeName ?? t.operatorFallbackName}</option>
        )}
      </select>
      <label class="field__label" for="assign-note">
        {t.handoffNoteLabel}
      </label>
      <textarea
        id="assign-note"
        class="field__input field__input--note"
        rows={3}
        maxLength={LIMITS.messageLength}
        value={note}
        aria-describedby="assign-note-hint"
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <p id="assign-note-hint" class="field__hint">
        {t.noteHint}
      </p>
    </ActionDialog>
  );
}

function NoteDialog({ inbox, conversationId, onClose }: { inbox: Inbox; conversationId: string; onClose: () => void }) {
  const [body, setBody] = useState('');
  return (
    <ActionDialog
      id="note"
      title={t.noteHeading}
      submitLabel={t.noteSubmit}
      onClose={onClose}
      onSubmit={async () => problemOf(await inbox.addNote(conversationId, body))}
    >
      <label class="field__label" for="note-body">
        {t.noteLabel}
      </label>
      <textarea
        id="note-body"
        class="field__input field__input--note"
        rows={4}
        maxLength={LIMITS.messageLength}
        value={body}
        autoFocus
        aria-describedby="note-hint"
        onInput={(e) => setBody(e.currentTarget.value)}
      />
      <p id="note-hint" class="field__hint">
        {t.noteHint}
      </p>
    </ActionDialog>
  );
}

const PROMISE_LABELS: Record<string, string> = {
  inHour: t.promiseInHour,
  today17: t.promiseToday17,
  tomorrow12: t.promiseTomorrow12,
};

function PromiseDialog({ inbox, conversationId, onClose }: { inbox: Inbox; conversationId: string; onClose: () => void }) {
  const { now } = useUi();
  // Fixed when the dialog opens, so the choices do not shift under the operator's pointer.
  const [choices] = useState(() => promiseChoices(new Date(now.peek())));
  const [choice, setChoice] = useState<string>(choices[0]?.id ?? 'custom');
  const [custom, setCustom] = useState(() => toLocalInputValue(choices[choices.length - 1]?.at ?? new Date(now.peek())));
  const [note, setNote] = useState('');
  const submit = async () => {
    const at = choice === 'custom' ? fromLocalInputValue(custom) : (choices.find((c) => c.id === choice)?.at ?? null);
    if (!at) return t.promiseChooseTime;
    if (at.getTime() <= now.peek()) return t.promiseInPast;
    return problemOf(await inbox.promiseUpdate(conversationId, at.toISOString(), note));
  };
  return (
    <ActionDialog id="promise" title={t.promiseHeading} submitLabel={t.promiseSubmit} onClose={onClose} onSubmit={submit}>
      <fieldset class="field__choices">
        <legend class="field__label">{t.promiseChoicesLabel}</legend>
        {choices.map((c, index) => (
          <label key={c.id} class="field__choice">
            <input type="radio" name="promise-at" value={c.id} checked={choice === c.id} autoFocus={index === 0} onChange={() => setChoice(c.id)} />{' '}
            {PROMISE_LABELS[c.id]}
          </label>
        ))}
        <label class="field__choice">
          <input type="radio" name="promise-at" value="custom" checked={choice === 'custom'} onChange={() => setChoice('custom')} />{' '}
          {t.promiseCustom}
        </label>
      </fieldset>
      <label class="field__label" for="promise-custom">
        {t.promiseCustomLabel}
      </label>
      <input
        id="promise-custom"
        type="datetime-local"
        class="field__input"
        value={custom}
        onInput={(e) => {
          setCustom(e.currentTarget.value);
          setChoice('custom');
        }}
      />
      <label class="field__label" for="promise-note">
        {t.promiseNoteLabel}
      </label>
      <input id="promise-note" type="text" class="field__input" maxLength={300} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
    </ActionDialog>
  );
}

function ResolveDialog({ inbox, conversationId, onClose }: { inbox: Inbox; conversationId: string; onClose: () => void }) {
  const { now } = useUi();
  const [days, setDays] = useState<number | null>(null);
  return (
    <ActionDialog
      id="resolve"
      title={t.resolveHeading}
      submitLabel={t.resolveSubmit}
      onClose={onClose}
      onSubmit={async () => {
        const at = days === null ? null : followUpAt(new Date(now.peek()), days).toISOString();
        return problemOf(await inbox.resolve(conversationId, at));
      }}
    >
      <p class="field__hint">{t.resolveHint}</p>
      <fieldset class="field__choices">
        <legend class="field__label">{t.followUpLabel}</legend>
        <label class="field__choice">
          <input type="radio" name="follow-up" checked={days === null} autoFocus onChange={() => setDays(null)} /> {t.followUpNone}
        </label>
        {FOLLOW_UP_DAYS.map((d) => (
          <label key={d} class="field__choice">
            <input type="radio" name="follow-up" checked={days === d} onChange={() => setDays(d)} /> {t.followUpInDays(d)}
          </label>
        ))}
      </fieldset>
    </ActionDialog>
  );
}
