import { t } from '../../i18n/index.ts';
import { addException, setExceptionClosed, setExceptionNote, type ExceptionValue } from '../../state/index.ts';
import { FormField } from '../FormField.tsx';
import { IntervalRows } from './IntervalRows.tsx';

interface Props {
  exceptions: readonly ExceptionValue[];
  onChange: (exceptions: ExceptionValue[]) => void;
  errors: Readonly<Record<string, string>>;
  /** Today in the schedule's zone: where a new exception starts. */
  today: string;
}

const ID = 'schedule-exceptions';

/** Dated exceptions: each a date, closed all day or special hours, and an optional note (the schema's `DateException`). */
export function ExceptionsEditor({ exceptions, onChange, errors, today }: Props) {
  const replace = (index: number, next: ExceptionValue) => onChange(exceptions.map((e, i) => (i === index ? next : e)));
  return (
    <div class="exceptions">
      {exceptions.length === 0 && <p class="note">{t.noExceptions}</p>}
      {exceptions.map((exception, index) => {
        const id = `${ID}-${index}`;
        const kindError = errors[`${id}-closed`] ?? errors[`${id}-intervals`];
        return (
          <fieldset key={index} class="exceptions__item">
            <legend class="exceptions__legend">{t.exceptionLegend(index + 1)}</legend>
            <FormField id={`${id}-date`} label={t.exceptionDateLabel} error={errors[`${id}-date`]}>
              {(control) => (
                <input {...control} type="date" required value={exception.date} onInput={(e) => replace(index, { ...exception, date: e.currentTarget.value })} />
              )}
            </FormField>
            <fieldset class="exceptions__kind" aria-describedby={kindError ? `${id}-kind-error` : undefined}>
              <legend class="field__label">{t.exceptionKindLabel}</legend>
              <label class="exceptions__choice">
                <input
                  id={`${id}-closed`}
                  type="radio"
                  name={`${id}-kind`}
                  checked={exception.closed === true}
                  onChange={() => replace(index, setExceptionClosed(exception, true))}
                />
                {t.exceptionClosedChoice}
              </label>
              <label class="exceptions__choice">
                <input
                  id={`${id}-intervals`}
                  type="radio"
                  name={`${id}-kind`}
                  checked={exception.closed !== true}
                  onChange={() => replace(index, setExceptionClosed(exception, false))}
                />
                {t.exceptionSpecialChoice}
              </label>
              {kindError && (
                <p id={`${id}-kind-error`} class="field__error">
                  {kindError}
                </p>
              )}
            </fieldset>
            {exception.closed !== true && (
              <>
                <IntervalRows
                  idPrefix={`${id}-intervals`}
                  intervals={exception.intervals ?? []}
                  errors={errors}
                  dayName={exception.date}
                  onChange={(intervals) => replace(index, { ...exception, intervals })}
                />
                <button
                  type="button"
                  class="button button--quiet button--small"
                  onClick={() => {
                    const current = exception.intervals ?? [];
                    replace(index, { ...exception, intervals: [...current, { start: '13:00', end: '17:00' }] });
                  }}
                >
                  + {t.addHoursButton}
                </button>
              </>
            )}
            <FormField id={`${id}-note`} label={t.exceptionNoteLabel} help={t.exceptionNoteHelp} error={errors[`${id}-note`]}>
              {(control) => (
                <input {...control} type="text" maxLength={200} value={exception.note ?? ''} onInput={(e) => replace(index, setExceptionNote(exception, e.currentTarget.value))} />
              )}
            </FormField>
            <button
              type="button"
              class="button button--quiet button--small button--danger exceptions__remove"
              aria-label={t.removeExceptionLabel(exception.date)}
              onClick={() => onChange(exceptions.filter((_, i) => i !== index))}
            >
              {t.removeExceptionButton}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="button button--quiet" onClick={() => onChange(addException(exceptions, today))}>
        + {t.addExceptionButton}
      </button>
    </div>
  );
}
