import type { HolidayCountryList, SiteMembership, SiteSettings, UpcomingHolidayList } from '../../shared/index.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { FormField, useUi, WeeklyHoursEditor } from '../components/index.ts';
import { ExceptionsEditor } from '../components/schedule/ExceptionsEditor.tsx';
import { HolidaysEditor } from '../components/schedule/HolidaysEditor.tsx';
import { localeOf } from '../components/schedule/local-date-format.ts';
import { SchedulePreview } from '../components/schedule/SchedulePreview.tsx';
import { WeekView } from '../components/schedule/WeekView.tsx';
import { t } from '../i18n/index.ts';
import {
  checkScheduleDraft,
  isKnownZone,
  localPartsIn,
  mondayOf,
  placeIssues,
  weekLayout,
  type PlacedIssues,
  type PreviewLanguage,
  type ScheduleValue,
  type WeeklyHoursValue,
} from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';
import '../schedule.css';

interface Props {
  api: ApiClient;
  site: SiteMembership;
}

/** What this screen edits: the schedule and the hours of each channel (null for a channel always open). */
interface Draft {
  schedule: ScheduleValue;
  channelHours: (WeeklyHoursValue | null)[];
}

const draftOf = (settings: SiteSettings): Draft => ({ schedule: settings.schedule, channelHours: settings.channels.map((c) => c.hours) });
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Unsaved drafts by site key, kept for the life of the page: leaving the screen through the menu and coming
 * back loses nothing (a page reload is guarded by `beforeunload` instead).
 */
const unsavedDrafts = new Map<string, Draft>();

const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();
const ZONE_LIST_ID = 'schedule-time-zones';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; saved: SiteSettings };

/**
 * The owner's Hours screen: weekly hours, dated exceptions, public holidays, the time zone and the hours of
 * other channels, saved as one whole-settings PUT; a week view of the draft and a live preview of the widget
 * at a chosen moment. A refused save names each problem next to its field and in a summary with links, and
 * keeps the draft.
 */
export function Schedule({ api, site }: Props) {
  const ui = useUi();
  const locale = localeOf(ui.language);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [restored, setRestored] = useState(false);
  const [issues, setIssues] = useState<PlacedIssues | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [countries, setCountries] = useState<HolidayCountryList['countries'] | null>(null);
  const [upcoming, setUpcoming] = useState<UpcomingHolidayList | null>(null);
  const [previewVersion, setPreviewVersion] = useState(0);
  const [monday, setMonday] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void api.getSettings(site.key).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoad({ status: 'error', message: result.error.message });
      setLoad({ status: 'ready', saved: result.data });
      const kept = unsavedDrafts.get(site.key);
      setDraft(kept ?? draftOf(result.data));
      setRestored(kept !== undefined);
    });
    void api.holidayCountries(ui.language).then((result) => {
      if (live && result.ok) setCountries(result.data.countries);
    });
    return () => {
      live = false;
    };
  }, [api, site.key, ui.language]);

  const saved = load.status === 'ready' ? load.saved : null;
  const isDirty = saved !== null && draft !== null && !sameDraft(draft, draftOf(saved));

  // Keep an unsaved draft for when the owner comes back; guard a reload or a closed tab.
  useEffect(() => {
    if (draft === null) return;
    if (isDirty) unsavedDrafts.set(site.key, draft);
    else unsavedDrafts.delete(site.key);
  }, [draft, isDirty, site.key]);
  useEffect(() => {
    if (!isDirty) return;
    // The only window listener of this screen: a browser asks before leaving only from beforeunload.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [isDirty]);

  const holidays = draft?.schedule.holidays ?? null;
  useEffect(() => {
    if (holidays === null) {
      setUpcoming({ country: null, region: null, from: '', holidays: [] });
      return;
    }
    let live = true;
    setUpcoming(null);
    const query = holidays.region === undefined ? { country: holidays.country, lang: ui.language } : { country: holidays.country, region: holidays.region, lang: ui.language };
    void api.upcomingHolidays(site.key, query).then((result) => {
      if (live) setUpcoming(result.ok ? result.data : { country: holidays.country, region: null, from: '', holidays: [] });
    });
    return () => {
      live = false;
    };
  }, [api, site.key, ui.language, holidays?.country, holidays?.region, previewVersion]);

  const zone = draft && isKnownZone(draft.schedule.timeZone) ? draft.schedule.timeZone : (saved?.schedule.timeZone ?? 'UTC');
  const today = localPartsIn(new Date(ui.now.value), zone).date;
  const thisMonday = mondayOf(today);
  const shownMonday = monday ?? thisMonday;
  const layout = useMemo(() => {
    if (!draft) return null;
    const keepOpen = draft.schedule.holidays?.keepOpen ?? [];
    const marked = (upcoming?.holidays ?? []).map((h) => ({ date: h.date, name: h.name, keptOpen: keepOpen.includes(h.rule) }));
    return weekLayout(draft.schedule, draft.schedule.holidays ? marked : [], shownMonday);
  }, [draft, upcoming, shownMonday]);

  if (load.status === 'loading' || (load.status === 'ready' && draft === null)) {
    return (
      <section class="admin schedule">
        <h1 class="admin__heading">{t.scheduleHeading(site.name)}</h1>
        <p class="note">{t.loadingSchedule}</p>
      </section>
    );
  }
  if (load.status === 'error' || !draft || !saved || !layout) {
    return (
      <section class="admin schedule">
        <h1 class="admin__heading">{t.scheduleHeading(site.name)}</h1>
        <p role="alert" class="alert">
          {load.status === 'error' ? load.message : ''}
        </p>
      </section>
    );
  }

  const errors = issues?.byField ?? {};
  const editSchedule = (change: Partial<ScheduleValue>) => setDraft({ ...draft, schedule: { ...draft.schedule, ...change } });

  function focusField(id: string) {
    const field = formRef.current?.querySelector<HTMLElement>(`[id="${id}"]`);
    field?.focus();
  }

  async function save(event: Event) {
    event.preventDefault();
    if (isBusy || !draft || !saved) return;
    setStatus(null);
    setAlert(null);
    const fieldIds = () => new Set([...(formRef.current?.querySelectorAll('[id]') ?? [])].map((element) => element.id));
    const showIssues = (found: Parameters<typeof placeIssues>[0]) => {
      setIssues(placeIssues(found, fieldIds()));
      // After the summary renders: it takes the focus so its heading and links are read first.
      setTimeout(() => summaryRef.current?.focus(), 0);
    };
    // Mistakes within one interval are named in the console's language without asking the server.
    const problems = checkScheduleDraft(draft.schedule, saved.channels.map((channel, i) => ({ label: channel.label, hours: draft.channelHours[i] ?? null })));
    if (problems.length > 0) return showIssues(problems);
    setBusy(true);
    try {
      // Whole-settings PUT: what other screens changed meanwhile is kept; only the hours are replaced.
      const current = await api.getSettings(site.key);
      if (!current.ok) return setAlert(current.error.message);
      const channels = current.data.channels;
      const channelsUnchanged =
        channels.length === saved.channels.length && channels.every((c, i) => c.kind === saved.channels[i]!.kind && c.label === saved.channels[i]!.label);
      const body: SiteSettings = {
        ...current.data,
        schedule: draft.schedule,
        channels: channelsUnchanged ? channels.map((c, i) => (c.hours === null ? c : { ...c, hours: draft.channelHours[i] ?? c.hours })) : channels,
      };
      const result = await api.putSettings(site.key, body);
      if (!result.ok) {
        if (result.error.issues && result.error.issues.length > 0) showIssues(result.error.issues);
        else setAlert(result.error.message);
        return;
      }
      unsavedDrafts.delete(site.key);
      setLoad({ status: 'ready', saved: result.data });
      setDraft(draftOf(result.data));
      setIssues(null);
      setRestored(false);
      setStatus(channelsUnchanged ? t.hoursSaved : `${t.hoursSaved} ${t.settingsChangedElsewhere}`);
      setPreviewVersion((v) => v + 1);
    } finally {
      setBusy(false);
    }
  }

  const channelsWithHours = saved.channels.map((channel, index) => ({ channel, index, hours: draft.channelHours[index] ?? null })).filter((c) => c.hours !== null);

  return (
    <section class="admin schedule" aria-labelledby="schedule-heading">
      <h1 id="schedule-heading" class="admin__heading">
        {t.scheduleHeading(site.name)}
      </h1>
      <p class="admin__intro">{t.scheduleIntro}</p>
      <p role="status" class="admin__status">
        {status}
      </p>
      <p role="alert" class="alert admin__alert">
        {alert}
      </p>
      {restored && isDirty && <p class="note schedule__restored">{t.unsavedKept}</p>}

      {issues && issues.summary.length > 0 && (
        <div class="schedule__summary">
          <h2 class="schedule__summary-heading" tabIndex={-1} ref={summaryRef}>
            {t.issuesSummaryHeading(issues.summary.length)}
          </h2>
          <ul>
            {issues.summary.map((issue, index) => (
              <li key={index}>
                {issue.fieldId === null ? (
                  <>
                    {issue.message} {t.issueElsewhere}
                  </>
                ) : (
                  <a
                    href={`#${issue.fieldId}`}
                    onClick={(e) => {
                      // The console's route lives in the hash: move the focus instead of navigating.
                      e.preventDefault();
                      focusField(issue.fieldId!);
                    }}
                  >
                    {issue.message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      <datalist id={ZONE_LIST_ID}>
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <form ref={formRef} class="schedule__form" noValidate onSubmit={(e) => void save(e)} aria-labelledby="schedule-heading">
        <FormField
          id="schedule-timeZone"
          label={t.timeZoneLabel}
          help={t.timeZoneHelp}
          error={errors['schedule-timeZone'] ?? (isKnownZone(draft.schedule.timeZone) ? undefined : t.timeZoneUnknown)}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              list={ZONE_LIST_ID}
              autoComplete="off"
              spellcheck={false}
              value={draft.schedule.timeZone}
              onInput={(e) => editSchedule({ timeZone: e.currentTarget.value })}
            />
          )}
        </FormField>

        <h2 class="admin__subheading">{t.weeklyHoursHeading}</h2>
        <WeeklyHoursEditor
          idPrefix="schedule-weekly"
          value={draft.schedule.weekly}
          errors={errors}
          onChange={(weekly) => editSchedule({ weekly })}
          onCopiedMonday={() => setStatus(t.mondayCopied)}
        />

        <h2 class="admin__subheading">{t.exceptionsHeading}</h2>
        <p class="admin__intro">{t.exceptionsIntro}</p>
        <ExceptionsEditor exceptions={draft.schedule.exceptions} errors={errors} today={today} onChange={(exceptions) => editSchedule({ exceptions })} />

        <h2 class="admin__subheading">{t.holidaysHeading}</h2>
        <p class="admin__intro">{t.holidaysIntro}</p>
        <HolidaysEditor
          value={draft.schedule.holidays}
          countries={countries}
          upcoming={upcoming}
          errors={errors}
          locale={locale}
          onChange={(value) => editSchedule({ holidays: value })}
        />

        {channelsWithHours.length > 0 && (
          <>
            <h2 class="admin__subheading">{t.channelHoursHeading}</h2>
            <p class="admin__intro">{t.channelHoursIntro}</p>
            {channelsWithHours.map(({ channel, index, hours }) => (
              <section key={index} class="schedule__channel" aria-labelledby={`channels-${index}-heading`}>
                <h3 id={`channels-${index}-heading`} class="schedule__channel-heading">
                  {t.channelHoursLegend(channel.label)}
                </h3>
                <WeeklyHoursEditor
                  idPrefix={`channels-${index}-hours`}
                  owner={channel.label}
                  value={hours!}
                  errors={errors}
                  onChange={(next) => setDraft({ ...draft, channelHours: draft.channelHours.map((h, i) => (i === index ? next : h)) })}
                />
              </section>
            ))}
          </>
        )}

        <div class="schedule__actions">
          <button type="submit" class="button" aria-disabled={isBusy ? 'true' : undefined}>
            {isBusy ? t.working : t.saveHoursButton}
          </button>
          {isDirty && (
            <>
              <span class="schedule__dirty">{t.unsavedChanges}</span>
              <button
                type="button"
                class="button button--quiet"
                onClick={() => {
                  setDraft(draftOf(saved));
                  setIssues(null);
                  setRestored(false);
                }}
              >
                {t.discardChangesButton}
              </button>
            </>
          )}
        </div>
      </form>

      <section class="schedule__week" aria-labelledby="week-view-heading">
        <h2 id="week-view-heading" class="admin__subheading">
          {t.weekViewHeading}
        </h2>
        <p class="admin__intro">{t.weekViewIntro}</p>
        <WeekView layout={layout} locale={locale} monday={shownMonday} thisMonday={thisMonday} onWeek={setMonday} />
      </section>

      <section class="schedule__preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading" class="admin__subheading">
          {t.previewHeading}
        </h2>
        <p class="admin__intro">{t.previewIntro}</p>
        <SchedulePreview
          siteKey={site.key}
          siteTimeZone={saved.schedule.timeZone}
          siteLanguage={saved.defaultLanguage as PreviewLanguage}
          version={previewVersion}
          zoneListId={ZONE_LIST_ID}
          now={() => new Date(ui.now.value)}
        />
      </section>
    </section>
  );
}
