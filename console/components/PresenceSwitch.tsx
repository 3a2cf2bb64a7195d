import { t } from '../i18n/index.ts';
import { displayedStatus, type ChosenStatus, type Presence } from '../state/index.ts';

const CHOICES: ReadonlyArray<{ value: ChosenStatus; label: string }> = [
  { value: 'online', label: t.statusOnline },
  { value: 'away', label: t.statusAway },
];

/**
 * The operator's own status as a radio group ("Your status": Online / Away), showing what the server last
 * said. Below it, one live region says when the server set the operator away after inactivity (with a
 * one-click way back) or why a change failed; it stays in the page so its next message is announced.
 */
export function PresenceSwitch({ presence }: { presence: Presence }) {
  const state = presence.state.value;
  const shown = displayedStatus(state);
  return (
    <div class="presence">
      <div class="presence-switch" role="radiogroup" aria-labelledby="presence-switch-label">
        <span id="presence-switch-label" class="presence-switch__label">
          {t.yourStatus}
        </span>
        {CHOICES.map(({ value, label }) => (
          <label key={value} class={`presence-switch__option presence-switch__option--${value}`}>
            <input
              type="radio"
              name="presence-status"
              value={value}
              checked={shown === value}
              onChange={() => presence.setStatus(value)}
            />
            <span aria-hidden="true" class={`presence-shape presence-shape--${value}`} />
            {label}
          </label>
        ))}
      </div>
      <div role="status" class="presence__notice">
        {state.isIdleAway && shown === 'away' && (
          <p class="presence__idle">
            {t.idleAway}
            <button type="button" class="button button--small" onClick={() => presence.setStatus('online')}>
              {t.goOnlineButton}
            </button>
          </p>
        )}
        {state.error && <p class="alert">{state.error}</p>}
      </div>
    </div>
  );
}
