import { signal, type ReadonlySignal } from '@preact/signals';
import type { SessionInfo } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { ApiClient } from '../transport/index.ts';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signedOut'; notice: string | null }
  | { status: 'signedIn'; info: SessionInfo };

export interface LoginForm {
  email: string;
  password: string;
}

export interface SessionStore {
  session: ReadonlySignal<SessionState>;
  /** The error of the last sign-in attempt, shown in the form's alert region. */
  loginError: ReadonlySignal<string | null>;
  isSubmitting: ReadonlySignal<boolean>;
  /** Asks the server whether the session cookie is still valid. */
  restore(): Promise<void>;
  login(form: LoginForm): Promise<void>;
  logout(): Promise<void>;
  /**
   * Reads the session again while signed in, e.g. after a site was created, so its list of sites is current.
   * A failure other than `unauthorized` keeps the session as it was.
   */
  refresh(): Promise<void>;
  /** Called when the server says the session is gone (socket `unauthorized`). */
  expire(): void;
}

/** Checks the form before asking the server; returns the sentence to show, or null. */
export function validateLoginForm(form: LoginForm): string | null {
  if (form.email.trim().length === 0) return t.enterEmail;
  if (form.password.length === 0) return t.enterPassword;
  return null;
}

export function createSessionStore(api: ApiClient): SessionStore {
  const session = signal<SessionState>({ status: 'checking' });
  const loginError = signal<string | null>(null);
  const isSubmitting = signal(false);

  return {
    session,
    loginError,
    isSubmitting,
    async restore() {
      const result = await api.me();
      if (result.ok) session.value = { status: 'signedIn', info: result.data };
      else session.value = { status: 'signedOut', notice: result.error.code === 'unauthorized' ? null : result.error.message };
    },
    async login(form) {
      if (isSubmitting.value) return;
      const problem = validateLoginForm(form);
      if (problem) {
        loginError.value = problem;
        return;
      }
      isSubmitting.value = true;
      loginError.value = null;
      const result = await api.login({ email: form.email.trim(), password: form.password });
      isSubmitting.value = false;
      if (result.ok) session.value = { status: 'signedIn', info: result.data };
      else loginError.value = result.error.message;
    },
    async logout() {
      await api.logout();
      loginError.value = null;
      session.value = { status: 'signedOut', notice: null };
    },
    async refresh() {
      if (session.value.status !== 'signedIn') return;
      const result = await api.me();
      if (result.ok) session.value = { status: 'signedIn', info: result.data };
      else if (result.error.code === 'unauthorized') session.value = { status: 'signedOut', notice: t.sessionEnded };
    },
    expire() {
      if (session.value.status === 'signedIn') session.value = { status: 'signedOut', notice: t.sessionEnded };
    },
  };
}
