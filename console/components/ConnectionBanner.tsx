import { t } from '../i18n/index.ts';
import type { ConnectionState } from '../state/index.ts';

/**
 * Says in words when the console is not connected. The status region is always in the page (empty while
 * connected) because screen readers announce changes only in live regions that already exist.
 */
export function ConnectionBanner({ state, onReload }: { state: ConnectionState; onReload: () => void }) {
  const text = state === 'connecting' ? t.connecting : state === 'reconnecting' ? t.reconnecting : t.outdated;
  return (
    <div role="status">
      {state !== 'connected' && (
        <div class={`banner banner--${state}`}>
          <span>{text}</span>
          {state === 'outdated' && (
            <button type="button" class="button button--small" onClick={onReload}>
              {t.reloadButton}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
