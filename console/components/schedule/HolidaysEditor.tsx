import type { HolidayCountryList, UpcomingHolidayList } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { setKeptOpen, type HolidayValue } from '../../state/index.ts';
import { FormField } from '../FormField.tsx';
import { formatLocalDate } from './local-date-format.ts';

interface Props {
  value: HolidayValue | null;
  onChange: (value: HolidayValue | null) => void;
  countries: HolidayCountryList['countries'] | null;
  /** The upcoming holidays of the chosen country and region; null while loading. */
  upcoming: UpcomingHolidayList | null;
  errors: Readonly<Record<string, string>>;
  locale: string;
}

const ID = 'schedule-holidays';

/**
 * The country (and region) whose public holidays close the chat, or none; and the next twelve months of
 * those holidays, each with a switch that keeps it open (`keepOpen` lists its date-holidays rule key).
 */
export function HolidaysEditor({ value, onChange, countries, upcoming, errors, locale }: Props) {
  const country = countries?.find((c) => c.code === value?.country);
  const regions = country?.regions ?? [];
  return (
    <div class="holidays">
      <FormField id={`${ID}-country`} label={t.countryLabel} error={errors[`${ID}-country`]}>
        {(control) => (
          <select
            {...control}
            value={value?.country ?? ''}
            // Another country's rule keys mean other days: the keep-open list starts empty.
            onChange={(e) => onChange(e.currentTarget.value === '' ? null : { country: e.currentTarget.value, keepOpen: [] })}
          >
            <option value="">{t.noPublicHolidays}</option>
            {/* The saved country stays selectable while the list loads or if it is not in it. */}
            {value && !country && <option value={value.country}>{value.country}</option>}
            {(countries ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {value && (regions.length > 0 || value.region !== undefined) && (
        <FormField id={`${ID}-region`} label={t.regionLabel} error={errors[`${ID}-region`]}>
          {(control) => (
            <select
              {...control}
              value={value.region ?? ''}
              onChange={(e) => {
                const { region: _old, ...rest } = value;
                onChange(e.currentTarget.value === '' ? rest : { ...rest, region: e.currentTarget.value });
              }}
            >
              <option value="">{t.wholeCountry}</option>
              {value.region !== undefined && !regions.some((r) => r.code === value.region) && <option value={value.region}>{value.region}</option>}
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {value && (
        <section class="holidays__upcoming" aria-labelledby={`${ID}-upcoming-heading`}>
          <h3 id={`${ID}-upcoming-heading`} class="admin__subheading">
            {t.upcomingHolidaysHeading}
          </h3>
          {errors[`${ID}-keepOpen`] && (
            <p id={`${ID}-keepOpen`} class="field__error" tabIndex={-1}>
              {errors[`${ID}-keepOpen`]}
            </p>
          )}
          {upcoming === null && <p class="note">{t.loadingHolidays}</p>}
          {upcoming !== null && upcoming.holidays.length === 0 && <p class="note">{t.noUpcomingHolidays}</p>}
          {upcoming !== null && upcoming.holidays.length > 0 && (
            <ul class="holidays__list">
              {upcoming.holidays.map((holiday) => {
                const keptOpen = value.keepOpen.includes(holiday.rule);
                const date = formatLocalDate(holiday.date, locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
                return (
                  <li key={`${holiday.date}-${holiday.rule}`} class="holidays__item">
                    <span class="holidays__date">{date}</span>
                    <span class="holidays__name">{holiday.name}</span>
                    <label class="holidays__switch">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={keptOpen}
                        aria-label={t.keepOpenLabel(holiday.name, date)}
                        onChange={(e) => onChange(setKeptOpen(value, holiday.rule, e.currentTarget.checked))}
                      />
                      <span aria-hidden="true">{t.keepOpenShort}</span>
                    </label>
                    <span class={`holidays__state${keptOpen ? ' holidays__state--open' : ''}`}>{keptOpen ? t.holidayKeptOpen : t.holidayClosed}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
