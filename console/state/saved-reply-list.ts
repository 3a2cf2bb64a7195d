import { signal, type ReadonlySignal } from '@preact/signals';
import type { SavedReply } from '../../shared/index.ts';
import type { ApiClient, ClientResult } from '../transport/index.ts';
import { placeServerError, type FieldErrors } from './form-errors.ts';
import type { LoadState } from './inbox.ts';
import { checkSavedReplyForm, SAVED_REPLY_FIELDS, type SavedReplyField, type SavedReplyForm } from './saved-reply-form.ts';

export type SaveReplyResult =
  | { ok: true; reply: SavedReply }
  | { ok: false; fields: FieldErrors<SavedReplyField>; message: string | null };

export interface SavedReplyList {
  /** Sorted by shortcut, as the composer's "/" menu lists them. */
  replies: ReadonlySignal<readonly SavedReply[]>;
  loadState: ReadonlySignal<LoadState>;
  isBusy: ReadonlySignal<boolean>;
  load(): Promise<void>;
  /** Adds a reply (`replyId` null) or changes one. */
  save(form: SavedReplyForm, replyId: string | null): Promise<SaveReplyResult>;
  remove(replyId: string): Promise<ClientResult<null>>;
}

export interface SavedReplyListDeps {
  api: ApiClient;
  siteId: string;
  /** After every change, so the composers' cached copy of the site's replies is reloaded. */
  onChanged: () => void;
}

const byShortcut = (a: SavedReply, b: SavedReply) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0);

/** A site's saved replies as the Saved replies screen edits them. */
export function createSavedReplyList({ api, siteId, onChanged }: SavedReplyListDeps): SavedReplyList {
  const replies = signal<readonly SavedReply[]>([]);
  const loadState = signal<LoadState>({ status: 'loading' });
  const isBusy = signal(false);

  function put(reply: SavedReply) {
    replies.value = [...replies.value.filter((r) => r.id !== reply.id), reply].sort(byShortcut);
  }

  return {
    replies,
    loadState,
    isBusy,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.listSavedReplies(siteId);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      replies.value = [...result.data.replies].sort(byShortcut);
      loadState.value = { status: 'ready' };
    },
    async save(form, replyId) {
      const check = checkSavedReplyForm(form);
      if (!check.ok) return { ok: false, fields: check.errors, message: null };
      // A second press of Enter while the first is on its way must not add the reply twice.
      if (isBusy.value) return { ok: false, fields: {}, message: null };
      isBusy.value = true;
      const result = replyId === null
        ? await api.createSavedReply(siteId, check.request)
        : await api.updateSavedReply(siteId, replyId, check.request);
      isBusy.value = false;
      if (!result.ok) return { ok: false, ...placeServerError(result.error, SAVED_REPLY_FIELDS, { shortcut_taken: 'shortcut' }) };
      put(result.data.reply);
      onChanged();
      return { ok: true, reply: result.data.reply };
    },
    async remove(replyId) {
      isBusy.value = true;
      const result = await api.deleteSavedReply(siteId, replyId);
      isBusy.value = false;
      // Deleted meanwhile by a colleague: it is gone either way.
      if (result.ok || result.error.code === 'not_found') {
        replies.value = replies.value.filter((r) => r.id !== replyId);
        onChanged();
      }
      return result;
    },
  };
}
