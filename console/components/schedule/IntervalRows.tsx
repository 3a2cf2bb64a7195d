import { t } from '../../i18n/index.ts';
import { updateIntervalIn, type IntervalValue } from '../../state/index.ts';

interface Props {
  /** Prefix of every control's id; the row's controls are `${idPrefix}-${index}-start|end|overnight`, as the settings paths. */
  idPrefix: string;
  intervals: readonly IntervalValue[];
  onChange: (intervals: IntervalValue[]) => void;
  /** Field id → the problem to show under that control. */
  errors: Readonly<Record<string, string>>;
  /** Names the rows for screen readers, e.g. "Monday". */
  dayName: string;
  /** The id of the help text on how to write a time, read with each time field. */
  helpId?: string;
}

/**
 * One day's intervals: opens, closes, "past midnight", remove. Times are text fields (not type=time) because
 * 24:00 is a valid end that a time input cannot hold; each error sits under the row and describes its control.
 */
export function IntervalRows({ idPrefix, intervals, onChange, errors, dayName, helpId }: Props) {
  return (
    <ol class="hours-rows">
      {intervals.map((interval, index) => {
        const id = `${idPrefix}-${index}`;
        const label = t.intervalLabel(dayName, index + 1);
        const change = (part: Partial<IntervalValue>) => onChange(updateIntervalIn(intervals, index, part));
        const rowErrors = (['start', 'end', 'overnight'] as const)
          .map((part) => ({ id: `${id}-${part}`, message: errors[`${id}-${part}`] }))
          .filter((e): e is { id: string; message: string } => e.message !== undefined);
        const errorIdOf = (part: string) => (errors[`${id}-${part}`] === undefined ? undefined : `${id}-${part}-error`);
        const describedBy = (part: string) => [errorIdOf(part), helpId].filter(Boolean).join(' ') || undefined;
        return (
          <li key={index} class="hours-row" role="group" aria-label={label}>
            <label class="hours-row__field">
              <span class="hours-row__label">{t.opensLabel}</span>
              <input
                id={`${id}-start`}
                class="hours-row__time"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                placeholder="09:00"
                maxLength={5}
                value={interval.start}
                aria-invalid={errorIdOf('start') ? 'true' : undefined}
                aria-describedby={describedBy('start')}
                onInput={(e) => change({ start: e.currentTarget.value })}
              />
            </label>
            <span aria-hidden="true">–</span>
            <label class="hours-row__field">
              <span class="hours-row__label">{t.closesLabel}</span>
              <input
                id={`${id}-end`}
                class="hours-row__time"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                placeholder="17:00"
                maxLength={5}
                value={interval.end}
                aria-invalid={errorIdOf('end') ? 'true' : undefined}
                aria-describedby={describedBy('end')}
                onInput={(e) => change({ end: e.currentTarget.value })}
              />
            </label>
            <label class="hours-row__check" title={t.pastMidnightHelp}>
              <input
                id={`${id}-overnight`}
                type="checkbox"
                checked={interval.overnight === true}
                aria-invalid={errorIdOf('overnight') ? 'true' : undefined}
                aria-describedby={errorIdOf('overnight')}
                onChange={(e) => change({ overnight: e.currentTarget.checked })}
              />
              {t.pastMidnightLabel}
            </label>
            <button
              type="button"
              class="button button--quiet button--small"
              aria-label={t.removeHoursLabel(label)}
              onClick={() => onChange(intervals.filter((_, i) => i !== index))}
            >
              {t.removeHoursButton}
            </button>
            {rowErrors.map((error) => (
              <p key={error.id} id={`${error.id}-error`} class="field__error hours-row__error">
                {error.message}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
