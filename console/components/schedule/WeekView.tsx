import { t } from '../../i18n/index.ts';
import { addDays, blockPosition, WEEKDAYS, type DayMarkKind, type IntervalValue, type WeekLayout } from '../../state/index.ts';
import { formatLocalDate } from './local-date-format.ts';

interface Props {
  layout: WeekLayout;
  locale: string;
  monday: string;
  onWeek: (monday: string) => void;
  /** The Monday of the current week, for the "this week" button. */
  thisMonday: string;
}

const MARK_TEXT: Record<DayMarkKind, () => string> = {
  closedException: () => t.markClosedException,
  specialHours: () => t.markSpecialHours,
  holiday: () => t.markHoliday,
  holidayKeptOpen: () => t.markHolidayKeptOpen,
};

/** A sign per mark, so a narrow screen that hides the words still shows which days differ (not by colour alone). */
const MARK_SIGN: Record<DayMarkKind, string> = { closedException: '✕', specialHours: '◐', holiday: '★', holidayKeptOpen: '☆' };

const HOURS = [0, 6, 12, 18, 24];

function hoursText(intervals: readonly IntervalValue[]): string {
  if (intervals.length === 0) return t.closedAllDay;
  return intervals.map((i) => `${i.start}–${i.overnight ? t.untilNextDay(i.end) : i.end}`).join(', ');
}

/**
 * The open hours of one week drawn as 7 columns of 24 hours, exceptions and holidays named above their
 * column. The drawing is hidden from screen readers; a list says the same in words.
 */
export function WeekView({ layout, locale, monday, onWeek, thisMonday }: Props) {
  const range = t.weekRange(
    formatLocalDate(monday, locale, { day: 'numeric', month: 'short' }),
    formatLocalDate(addDays(monday, 6), locale, { day: 'numeric', month: 'short', year: 'numeric' }),
  );
  return (
    <div class="week-view">
      <div class="week-view__nav">
        <button type="button" class="button button--quiet button--small" onClick={() => onWeek(addDays(monday, -7))}>
          ← {t.previousWeekButton}
        </button>
        <p class="week-view__range" aria-live="polite">
          {range}
        </p>
        {monday !== thisMonday && (
          <button type="button" class="button button--quiet button--small" onClick={() => onWeek(thisMonday)}>
            {t.thisWeekButton}
          </button>
        )}
        <button type="button" class="button button--quiet button--small" onClick={() => onWeek(addDays(monday, 7))}>
          {t.nextWeekButton} →
        </button>
      </div>
      <div class="week-view__grid" aria-hidden="true">
        <div class="week-view__axis">
          {HOURS.map((hour) => (
            <span key={hour} class="week-view__hour" style={{ top: `${(hour / 24) * 100}%` }}>
              {String(hour).padStart(2, '0')}
            </span>
          ))}
        </div>
        {layout.days.map((day, index) => (
          <div key={day.date} class="week-view__column">
            <div class={`week-view__head${day.mark ? ` week-view__head--${day.mark.kind}` : ''}`}>
              <span class="week-view__day">{t.weekdayShort[WEEKDAYS[index]!]}</span>
              <span class="week-view__date">{formatLocalDate(day.date, locale, { day: 'numeric', month: 'numeric' })}</span>
              {day.mark && (
                <span class="week-view__mark" title={day.mark.label ?? undefined}>
                  <span class="week-view__sign">{MARK_SIGN[day.mark.kind]}</span> <span class="week-view__mark-text">{MARK_TEXT[day.mark.kind]()}</span>
                </span>
              )}
            </div>
            <div class={`week-view__body${day.mark?.kind === 'holiday' || day.mark?.kind === 'closedException' ? ' week-view__body--closed' : ''}`}>
              {layout.blocks
                .filter((block) => block.day === index)
                .map((block) => {
                  const { top, height } = blockPosition(block);
                  return (
                    <span
                      key={`${block.start}-${block.end}`}
                      class={`week-view__block${block.special ? ' week-view__block--special' : ''}${block.continued ? ' week-view__block--continued' : ''}`}
                      style={{ top: `${top}%`, height: `${height}%` }}
                    />
                  );
                })}
            </div>
          </div>
        ))}
      </div>
      <p class="week-view__legend" aria-hidden="true">
        <span class="week-view__swatch" /> {t.openLegend} <span class="week-view__swatch week-view__swatch--special" /> {t.specialLegend}
      </p>
      <h3 class="visually-hidden">{t.weekViewTextHeading}</h3>
      <ul class="visually-hidden">
        {layout.days.map((day, index) => {
          const name = `${t.weekdayNames[WEEKDAYS[index]!]} ${formatLocalDate(day.date, locale, { day: 'numeric', month: 'long' })}`;
          const mark = day.mark ? ` (${MARK_TEXT[day.mark.kind]()}${day.mark.label ? `: ${day.mark.label}` : ''})` : '';
          return <li key={day.date}>{t.dayHoursText(name + mark, hoursText(day.intervals))}</li>;
        })}
      </ul>
    </div>
  );
}
