import type { SavedReply, SiteMembership } from '../../shared/index.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConfirmDialog, FormField } from '../components/index.ts';
import { t } from '../i18n/index.ts';
import {
  createSavedReplyList,
  emptySavedReplyForm,
  toSavedReplyForm,
  type FieldErrors,
  type SavedReplyField,
  type SavedReplyForm,
  type SaveReplyResult,
} from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';

interface Props {
  api: ApiClient;
  site: SiteMembership;
  /** After every change, so the composer's "/" menu offers the replies as they are now. */
  onChanged: () => void;
}

/**
 * The site's saved replies, shared by the whole team: the list (shortcut, title, the start of the text), a
 * form to add one, each one edited in place, and deleting after a question. Success is announced from a
 * status region, failures from an alert.
 */
export function SavedReplies({ api, site, onChanged }: Props) {
  // The latest callback without recreating the list (and refetching) when the parent re-renders.
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const list = useMemo(
    () => createSavedReplyList({ api, siteId: site.id, onChanged: () => onChangedRef.current() }),
    [api, site.id],
  );
  useEffect(() => {
    void list.load();
  }, [list]);
  const replies = list.replies.value;
  const loadState = list.loadState.value;

  const [editingId, setEditingId] = useState<string | null>(null);
  /** The reply whose Edit button gets the focus back after its form closes. */
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const closeEditor = (replyId: string) => {
    setEditingId(null);
    setReturnFocusTo(replyId);
  };

  async function confirmDelete(reply: SavedReply) {
    setDeleting(null);
    setStatus(null);
    setAlert(null);
    const result = await list.remove(reply.id);
    if (result.ok) setStatus(t.savedReplyDeleted(reply.shortcut));
    else if (result.error.code !== 'not_found') setAlert(result.error.message);
    if (editingId === reply.id) setEditingId(null);
    // Its row and the button that had the focus are gone.
    listHeading.current?.focus();
  }

  return (
    <section class="admin" aria-labelledby="saved-replies-heading">
      <h1 id="saved-replies-heading" class="admin__heading">
        {t.savedRepliesHeading(site.name)}
      </h1>
      <p class="admin__intro">{t.savedRepliesIntro}</p>
      <p role="status" class="admin__status">
        {status}
      </p>
      <p role="alert" class="alert admin__alert">
        {alert}
      </p>

      <h2 id="saved-reply-list-heading" class="admin__subheading" tabIndex={-1} ref={listHeading}>
        {t.savedReplyListLabel}
      </h2>
      {loadState.status === 'loading' && <p class="note">{t.loadingSavedReplies}</p>}
      {loadState.status === 'error' && (
        <p role="alert" class="alert">
          {loadState.message}
        </p>
      )}
      {loadState.status === 'ready' && replies.length === 0 && <p class="note">{t.noSavedReplies}</p>}
      {replies.length > 0 && (
        <ul class="reply-items" aria-labelledby="saved-reply-list-heading">
          {replies.map((reply) =>
            reply.id === editingId ? (
              <li key={reply.id} class="reply-item reply-item--editing">
                <ReplyForm
                  idPrefix={`reply-${reply.id}`}
                  heading={t.editSavedReplyHeading(reply.shortcut)}
                  initial={toSavedReplyForm(reply)}
                  submitLabel={t.saveSavedReplyButton}
                  focusOnOpen
                  onSubmit={(form) => list.save(form, reply.id)}
                  onSaved={(saved) => {
                    setAlert(null);
                    setStatus(t.savedReplyUpdated(saved.shortcut));
                    closeEditor(reply.id);
                  }}
                  onCancel={() => closeEditor(reply.id)}
                />
              </li>
            ) : (
              <ReplyItem
                key={reply.id}
                reply={reply}
                takeFocus={returnFocusTo === reply.id}
                onFocusTaken={() => setReturnFocusTo(null)}
                onEdit={() => {
                  setStatus(null);
                  setEditingId(reply.id);
                }}
                onDelete={() => setDeleting(reply)}
              />
            ),
          )}
        </ul>
      )}

      <ReplyForm
        idPrefix="new-reply"
        heading={t.newSavedReplyHeading}
        initial={emptySavedReplyForm}
        submitLabel={t.addSavedReplyButton}
        clearOnSave
        onSubmit={(form) => list.save(form, null)}
        onSaved={(saved) => {
          setAlert(null);
          setStatus(t.savedReplyAdded(saved.shortcut));
        }}
      />

      {deleting && (
        <ConfirmDialog
          message={t.deleteSavedReplyQuestion(deleting.shortcut)}
          confirmLabel={t.deleteSavedReplyConfirm}
          cancelLabel={t.cancelButton}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

interface ReplyItemProps {
  reply: SavedReply;
  takeFocus: boolean;
  onFocusTaken: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function ReplyItem({ reply, takeFocus, onFocusTaken, onEdit, onDelete }: ReplyItemProps) {
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    editButton.current?.focus();
    onFocusTaken();
  }, [takeFocus]);

  return (
    <li class="reply-item">
      <p class="reply-item__head">
        <code class="reply-item__shortcut">/{reply.shortcut}</code> <span class="reply-item__title">{reply.title}</span>
      </p>
      <p class="reply-item__body">{reply.body}</p>
      <p class="reply-item__actions">
        <button
          ref={editButton}
          type="button"
          class="button button--quiet button--small"
          aria-label={t.editSavedReplyLabel(reply.shortcut)}
          onClick={onEdit}
        >
          {t.editSavedReplyButton}
        </button>
        <button
          type="button"
          class="button button--quiet button--small button--danger"
          aria-label={t.deleteSavedReplyLabel(reply.shortcut)}
          onClick={onDelete}
        >
          {t.deleteSavedReplyButton}
        </button>
      </p>
    </li>
  );
}

interface ReplyFormProps {
  /** Makes the ids of this form's fields unique on the page. */
  idPrefix: string;
  heading: string;
  initial: SavedReplyForm;
  submitLabel: string;
  /** The form for a new reply is emptied after saving, for the next one. */
  clearOnSave?: boolean;
  /** The form opened in place of a reply takes the focus. */
  focusOnOpen?: boolean;
  onSubmit: (form: SavedReplyForm) => Promise<SaveReplyResult>;
  onSaved: (reply: SavedReply) => void;
  onCancel?: () => void;
}

function ReplyForm({ idPrefix, heading, initial, submitLabel, clearOnSave, focusOnOpen, onSubmit, onSaved, onCancel }: ReplyFormProps) {
  const [form, setForm] = useState<SavedReplyForm>(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<SavedReplyField>>({});
  const [formAlert, setFormAlert] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const fields = {
    shortcut: useRef<HTMLInputElement>(null),
    title: useRef<HTMLInputElement>(null),
    body: useRef<HTMLTextAreaElement>(null),
  } satisfies Record<SavedReplyField, unknown>;
  const headingId = `${idPrefix}-heading`;

  useEffect(() => {
    if (focusOnOpen) fields.shortcut.current?.focus();
  }, []);

  const edit = (change: Partial<SavedReplyForm>) => setForm((current) => ({ ...current, ...change }));

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    const result = await onSubmit(form);
    setSaving(false);
    if (!result.ok) {
      setFieldErrors(result.fields);
      const invalid = (Object.keys(fields) as SavedReplyField[]).filter((field) => result.fields[field]);
      setFormAlert(result.message ?? (invalid.length > 0 ? t.fieldErrorsSummary(invalid.length) : null));
      const first = invalid[0];
      if (first) fields[first].current?.focus();
      return;
    }
    setFieldErrors({});
    setFormAlert(null);
    if (clearOnSave) {
      setForm(initial);
      fields.shortcut.current?.focus();
    }
    onSaved(result.reply);
  }

  return (
    <form
      class="admin-form"
      aria-labelledby={headingId}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <h2 id={headingId} class="admin__subheading">
        {heading}
      </h2>
      <p role="alert" class="alert admin-form__alert">
        {formAlert}
      </p>
      <FormField id={`${idPrefix}-shortcut`} label={t.shortcutLabel} help={t.shortcutHelp} error={fieldErrors.shortcut}>
        {(control) => (
          <span class="admin-form__shortcut">
            <span aria-hidden="true">/</span>
            <input
              {...control}
              ref={fields.shortcut}
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              value={form.shortcut}
              onInput={(e) => edit({ shortcut: e.currentTarget.value })}
            />
          </span>
        )}
      </FormField>
      <FormField id={`${idPrefix}-title`} label={t.replyTitleLabel} error={fieldErrors.title}>
        {(control) => (
          <input
            {...control}
            ref={fields.title}
            type="text"
            autoComplete="off"
            value={form.title}
            onInput={(e) => edit({ title: e.currentTarget.value })}
          />
        )}
      </FormField>
      <FormField id={`${idPrefix}-body`} label={t.replyBodyLabel} help={t.replyBodyHelp} error={fieldErrors.body}>
        {(control) => (
          <textarea
            {...control}
            ref={fields.body}
            rows={5}
            value={form.body}
            onInput={(e) => edit({ body: e.currentTarget.value })}
          />
        )}
      </FormField>
      <p class="admin-form__actions">
        <button type="submit" class="button" aria-disabled={isSaving ? 'true' : undefined}>
          {isSaving ? t.working : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button button--quiet" onClick={onCancel}>
            {t.cancelButton}
          </button>
        )}
      </p>
    </form>
  );
}
