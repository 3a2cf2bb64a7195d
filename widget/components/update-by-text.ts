// `import type` only: the schemas pull in full zod, which must never reach the visitor's bundle.
import type { VisitorUpdatePromise } from '../../shared/protocol/schemas.ts';
import type { TextKey, Translator } from '../i18n/index.ts';

/**
 * The state of the visitor's question in plain words, in their zone and language: "Jana is looking into it —
 * update tomorrow by 12:00" (today / tomorrow / a weekday within a week / a date, as the reply promise).
 * Once the time has passed without the update, it says so instead of showing a promise already broken.
 *
 * @example
 * updateByText(t, { at: '2025-05-10T10:00:00.000Z', operatorName: 'Jana', note: null }, new Date())
 */
export function updateByText(t: Translator, promise: VisitorUpdatePromise, now: Date): string {
  const name = promise.operatorName || t.text('team');
  const moment = Date.parse(promise.at) > now.getTime() && t.moment(promise.at, now);
  return moment ? t.text(`update${moment.day}` as TextKey, { name, time: moment.text }) : t.text('updateLate', { name });
}
