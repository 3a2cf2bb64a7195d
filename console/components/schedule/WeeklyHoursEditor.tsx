import { t } from '../../i18n/index.ts';
import { addInterval, copyMondayToWeekdays, WEEKDAYS, type WeeklyHoursValue } from '../../state/index.ts';
import { IntervalRows } from './IntervalRows.tsx';

interface Props {
  /** Prefix of the controls' ids, the settings path joined by "-" (`schedule-weekly`, `channels-1-hours`). */
  idPrefix: string;
  value: WeeklyHoursValue;
  onChange: (value: WeeklyHoursValue) => void;
  /** Field id → the problem to show under that control (console/state/schedule-issues.ts). */
  errors: Readonly<Record<string, string>>;
  /** Called after "copy Monday" so the screen can announce it. */
  onCopiedMonday?: () => void;
  /** Whose hours these are when a page has several editors (a channel's label): read before each day's name. */
  owner?: string;
}

/**
 * Weekly opening hours: for each weekday its intervals (several, e.g. a lunch break), "past midnight", adding
 * and removing, and copying Monday to the other weekdays. A day without intervals is marked closed in words.
 */
export function WeeklyHoursEditor({ idPrefix, value, onChange, errors, onCopiedMonday, owner }: Props) {
  return (
    <div class="weekly-hours">
      <p id={`${idPrefix}-time-help`} class="field__help">
        {t.timeHelp} {t.pastMidnightLabel}: {t.pastMidnightHelp}
      </p>
      <button
        type="button"
        class="button button--quiet weekly-hours__copy"
        aria-label={owner === undefined ? undefined : `${owner}: ${t.copyMondayButton}`}
        onClick={() => {
          onChange(copyMondayToWeekdays(value));
          onCopiedMonday?.();
        }}
      >
        {t.copyMondayButton}
      </button>
      {WEEKDAYS.map((day) => {
        const dayName = owner === undefined ? t.weekdayNames[day] : `${owner}: ${t.weekdayNames[day]}`;
        const intervals = value[day];
        return (
          <fieldset key={day} class={`weekly-hours__day${intervals.length === 0 ? ' weekly-hours__day--closed' : ''}`}>
            <legend class="weekly-hours__legend">
              {owner !== undefined && <span class="visually-hidden">{owner}: </span>}
              {t.weekdayNames[day]}
              {intervals.length === 0 && <span class="weekly-hours__closed">{t.dayClosed}</span>}
            </legend>
            <IntervalRows
              idPrefix={`${idPrefix}-${day}`}
              intervals={intervals}
              errors={errors}
              dayName={dayName}
              helpId={`${idPrefix}-time-help`}
              onChange={(next) => onChange({ ...value, [day]: next })}
            />
            <button
              type="button"
              class="button button--quiet button--small weekly-hours__add"
              aria-label={t.addHoursLabel(dayName)}
              onClick={() => onChange(addInterval(value, day))}
            >
              + {t.addHoursButton}
            </button>
          </fieldset>
        );
      })}
    </div>
  );
}
