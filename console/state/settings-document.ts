import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { SiteSettings } from '../../shared/index.ts';
import type { ApiClient } from '../transport/index.ts';
import type { LoadState } from './inbox.ts';
import type { PlacedIssues } from './schedule-issues.ts';
import { isSameValue, placeSettingsIssues, renderedFieldIds } from './settings-form.ts';

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  /** Refused: the issues placed by field (and in the summary), or a message alone (network, access). */
  | { status: 'refused'; message: string; placed: PlacedIssues };

export interface SettingsDocument {
  loadState: ReadonlySignal<LoadState>;
  /** The document being edited; null until loaded. */
  draft: ReadonlySignal<SiteSettings | null>;
  /** True when the draft differs from what the server last gave us. */
  isDirty: ReadonlySignal<boolean>;
  saveState: ReadonlySignal<SaveState>;
  load(): Promise<void>;
  /**
   * Applies one edit to the draft; a "Saved" note gives way to the new change. A structural edit (an item added,
   * moved or removed) also clears a refusal's issues, which name items by their place in a list.
   */
  edit(change: (draft: SiteSettings) => SiteSettings, options?: { isStructural?: boolean }): void;
  /** Sends the whole draft; on refusal the draft stays as it is, so nothing typed is lost. */
  save(): Promise<SaveState>;
}

const NO_ISSUES: PlacedIssues = { byField: {}, summary: [] };

/**
 * The site's settings document as the Settings screen edits it: loaded whole, changed locally, saved whole
 * (`PUT` replaces it). The server validates; its issues are placed next to the fields they name.
 */
export function createSettingsDocument({ api, siteKey }: { api: ApiClient; siteKey: string }): SettingsDocument {
  const loadState = signal<LoadState>({ status: 'loading' });
  const loaded = signal<SiteSettings | null>(null);
  const draft = signal<SiteSettings | null>(null);
  const saveState = signal<SaveState>({ status: 'idle' });
  const isDirty = computed(() => draft.value !== null && !isSameValue(draft.value, loaded.value));

  return {
    loadState,
    draft,
    isDirty,
    saveState,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.getSettings(siteKey);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      loaded.value = result.data;
      draft.value = structuredClone(result.data);
      loadState.value = { status: 'ready' };
    },
    edit(change, options = {}) {
      const current = draft.value;
      if (current === null) return;
      draft.value = change(current);
      const status = saveState.value.status;
      if (status === 'saved' || (status === 'refused' && options.isStructural === true)) saveState.value = { status: 'idle' };
    },
    async save() {
      const sent = draft.value;
      if (sent === null || saveState.value.status === 'saving') return saveState.value;
      saveState.value = { status: 'saving' };
      const result = await api.putSettings(siteKey, sent);
      if (result.ok) {
        loaded.value = result.data;
        // Edits made while the request was on its way are kept; otherwise take the server's normalised form.
        if (draft.value === sent) draft.value = structuredClone(result.data);
        saveState.value = { status: 'saved' };
      } else {
        const placed = result.error.issues ? placeSettingsIssues(result.error.issues, renderedFieldIds(sent)) : NO_ISSUES;
        saveState.value = { status: 'refused', message: result.error.message, placed };
      }
      return saveState.value;
    },
  };
}
