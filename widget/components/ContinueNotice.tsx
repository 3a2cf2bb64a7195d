import type { Signal } from '@preact/signals';
import type { Translator } from '../i18n/index.ts';
import type { ContinueProblem } from '../transport/continue-link.ts';

/** A continue link that did not open the thread, and what the visitor can do about it. */
export interface ContinueState {
  problem: ContinueProblem;
  /** "Send me a new link": not asked yet, on its way, sent, or failed. */
  renewal: 'none' | 'sending' | 'sent' | 'failed';
}

interface Props {
  state: Signal<ContinueState | null>;
  t: Translator;
  onRenew(): void;
}

/**
 * Says plainly why the link from the e-mail did not open the conversation; for an expired or used link it
 * offers a new one, which the server mails to the address the visitor gave before.
 */
export function ContinueNotice({ state, t, onRenew }: Props) {
  const current = state.value;
  if (current === null) return null;
  const { problem, renewal } = current;
  const text =
    problem === 'link_expired' ? t.text('linkExpired') : problem === 'link_used' ? t.text('linkUsed') : problem === 'network' ? t.text('linkNetwork') : t.text('linkInvalid');
  const canRenew = problem === 'link_expired' || problem === 'link_used';
  return (
    <div class="notice continue" role="alert">
      <p>{text}</p>
      {canRenew && renewal === 'sent' && <p role="status">{t.text('linkRenewed')}</p>}
      {canRenew && renewal === 'failed' && <p role="status">{t.text('linkRenewFailed')}</p>}
      {canRenew && renewal !== 'sent' && (
        <button type="button" class="reload" disabled={renewal === 'sending'} onClick={onRenew}>
          {t.text('linkRenew')}
        </button>
      )}
    </div>
  );
}
