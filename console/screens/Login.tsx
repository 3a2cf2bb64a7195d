import { useState } from 'preact/hooks';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { t } from '../i18n/index.ts';
import type { SessionStore } from '../state/index.ts';

/** The sign-in form; errors (and "your session has ended") are announced from one alert region. */
export function Login({ store, notice }: { store: SessionStore; notice: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const error = store.loginError.value;
  const isSubmitting = store.isSubmitting.value;

  return (
    <main class="login">
      <form
        class="login__form"
        aria-labelledby="login-heading"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void store.login({ email, password });
        }}
      >
        <h1 id="login-heading">{t.signInHeading}</h1>
        <div id="login-alert" role="alert" class="alert">
          {error ?? notice}
        </div>
        <label for="login-email">{t.emailLabel}</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'login-alert' : undefined}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <label for="login-password">{t.passwordLabel}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'login-alert' : undefined}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <button type="submit" class="button" aria-disabled={isSubmitting ? 'true' : undefined}>
          {isSubmitting ? t.signingIn : t.signInButton}
        </button>
      </form>
      <LanguageSelect id="login-language" />
    </main>
  );
}
