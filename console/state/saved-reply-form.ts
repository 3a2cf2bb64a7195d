import type { SavedReply, SavedReplyInput } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import { LIMITS } from '../protocol.ts';
import { hasForbiddenText, type FormCheck } from './form-errors.ts';

/** A saved reply as typed in the form. */
export interface SavedReplyForm {
  shortcut: string;
  title: string;
  body: string;
}

export type SavedReplyField = keyof SavedReplyForm;
export const SAVED_REPLY_FIELDS: readonly SavedReplyField[] = ['shortcut', 'title', 'body'];

export const emptySavedReplyForm: SavedReplyForm = { shortcut: '', title: '', body: '' };

export function toSavedReplyForm(reply: SavedReply): SavedReplyForm {
  return { shortcut: reply.shortcut, title: reply.title, body: reply.body };
}

/** The shortcut as stored: without the "/" people tend to type, trimmed, lowercase (as the server does). */
export function normalizeShortcut(typed: string): string {
  return typed.trim().replace(/^\/+/, '').toLowerCase();
}

/**
 * Checks the form against the rules of the shared `SavedReplyInput` (without bundling zod, see
 * console/protocol.ts) and gives every field's problem at once, in the server's words.
 */
export function checkSavedReplyForm(form: SavedReplyForm): FormCheck<SavedReplyField, SavedReplyInput> {
  const errors: Partial<Record<SavedReplyField, string>> = {};
  const shortcut = normalizeShortcut(form.shortcut);
  const title = form.title.trim();
  if (shortcut.length === 0) errors.shortcut = t.enterShortcut;
  else if (!/^[a-z0-9][a-z0-9-]*$/.test(shortcut)) errors.shortcut = t.shortcutInvalid;
  else if (shortcut.length > LIMITS.shortcutLength) errors.shortcut = t.shortcutTooLong;
  if (title.length === 0) errors.title = t.enterTitle;
  else if (title.length > LIMITS.savedReplyTitleLength) errors.title = t.titleTooLong;
  else if (hasForbiddenText(title)) errors.title = t.textNotAllowed;
  if (form.body.trim().length === 0) errors.body = t.enterReplyBody;
  else if (form.body.length > LIMITS.messageLength) errors.body = t.replyBodyTooLong;
  else if (hasForbiddenText(form.body)) errors.body = t.textNotAllowed;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The body keeps its line breaks and spacing exactly as written.
  return { ok: true, request: { shortcut, title, body: form.body } };
}
