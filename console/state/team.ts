import { signal, type ReadonlySignal } from '@preact/signals';
import type { TeamMember } from '../../shared/index.ts';
import type { ApiClient, ClientResult } from '../transport/index.ts';
import { placeServerError, type FieldErrors } from './form-errors.ts';
import type { LoadState } from './inbox.ts';
import { checkOperatorForm, OPERATOR_FIELDS, type OperatorField, type OperatorForm } from './operator-form.ts';

/** What adding an operator came to: who was added (and their generated password), or what to correct. */
export type AddOperatorResult =
  | { ok: true; member: TeamMember; generatedPassword: string | null }
  | { ok: false; fields: FieldErrors<OperatorField>; message: string | null };

export interface Team {
  members: ReadonlySignal<readonly TeamMember[]>;
  loadState: ReadonlySignal<LoadState>;
  /** True while a change is on its way, so the screen can refuse a second click. */
  isBusy: ReadonlySignal<boolean>;
  load(): Promise<void>;
  addOperator(form: OperatorForm): Promise<AddOperatorResult>;
  /** A generated password for them; their sessions end at once. */
  resetPassword(operatorId: string): Promise<ClientResult<{ generatedPassword: string | null }>>;
  removeOperator(operatorId: string): Promise<ClientResult<null>>;
}

/** A site's team as its owner manages it on the Team screen; the list follows every change made here. */
export function createTeam({ api, siteId }: { api: ApiClient; siteId: string }): Team {
  const members = signal<readonly TeamMember[]>([]);
  const loadState = signal<LoadState>({ status: 'loading' });
  const isBusy = signal(false);

  async function busyWhile<T>(work: () => Promise<T>): Promise<T> {
    isBusy.value = true;
    try {
      return await work();
    } finally {
      isBusy.value = false;
    }
  }

  return {
    members,
    loadState,
    isBusy,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.listTeam(siteId);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      members.value = result.data.operators;
      loadState.value = { status: 'ready' };
    },
    async addOperator(form) {
      const check = checkOperatorForm(form);
      if (!check.ok) return { ok: false, fields: check.errors, message: null };
      // A second press of Enter while the first is on its way must not add the same person twice.
      if (isBusy.value) return { ok: false, fields: {}, message: null };
      return busyWhile<AddOperatorResult>(async () => {
        const result = await api.createOperator(siteId, check.request);
        if (!result.ok) return { ok: false, ...placeServerError(result.error, OPERATOR_FIELDS, { email_taken: 'email' }) };
        const { operator, generatedPassword } = result.data;
        members.value = [...members.value.filter((m) => m.id !== operator.id), operator];
        return { ok: true, member: operator, generatedPassword };
      });
    },
    resetPassword: (operatorId) => busyWhile(() => api.resetPassword(siteId, operatorId)),
    removeOperator: (operatorId) =>
      busyWhile(async () => {
        const result = await api.removeOperator(siteId, operatorId);
        // Already gone (removed in another tab): the list should not keep showing them either.
        if (result.ok || result.error.code === 'operator_not_found') members.value = members.value.filter((m) => m.id !== operatorId);
        return result;
      }),
  };
}
