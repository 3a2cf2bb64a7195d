import { useEffect, useState } from 'preact/hooks';
import type { VisitorUpdatePromise } from '../../shared/protocol/schemas.ts';
import type { Translator } from '../i18n/index.ts';
import { updateByText } from './update-by-text.ts';

/**
 * "Jana is looking into it — update tomorrow by 12:00" above the composer, with the operator's note on a line
 * of its own (issue 4, item 7). The live region is always there, so a promise made while the panel is open
 * is announced; it collapses when empty.
 */
export function UpdateStatus({ t, promise }: { t: Translator; promise: VisitorUpdatePromise | null }) {
  const [, setTick] = useState(0);
  // Redrawn once the promised time passes, so it never reads "update today by 12:00" at 12:05.
  useEffect(() => {
    const ms = promise ? Date.parse(promise.at) - Date.now() : 0;
    if (ms > 0 && ms < 2 ** 31) {
      const timer = setTimeout(() => setTick(ms), ms + 1000);
      return () => clearTimeout(timer);
    }
  }, [promise?.at]);
  return (
    <div class="update" role="status">
      {promise && <p>{updateByText(t, promise, new Date())}</p>}
      {promise?.note && <p class="note">{promise.note}</p>}
    </div>
  );
}
