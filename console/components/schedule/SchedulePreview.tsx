import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { isKnownZone, localPartsIn, PREVIEW_LANGUAGES, previewUrl, type PreviewControls, type PreviewLanguage } from '../../state/index.ts';

interface Props {
  siteKey: string;
  /** The site's zone and language: the defaults for the visitor. */
  siteTimeZone: string;
  siteLanguage: PreviewLanguage;
  /** Changes after every save, so the frame loads the saved settings again. */
  version: number;
  /** The id of the time zones' datalist on the page. */
  zoneListId: string;
  now: () => Date;
}

/**
 * "Preview at": a moment, the visitor's zone and language, and a frame with the real widget as that visitor
 * would see it then (server/http/preview-route.ts). It reloads when a control changes or the hours are saved.
 */
export function SchedulePreview({ siteKey, siteTimeZone, siteLanguage, version, zoneListId, now }: Props) {
  const [controls, setControls] = useState<PreviewControls>(() => ({ ...localPartsIn(now(), siteTimeZone), timeZone: siteTimeZone, lang: siteLanguage }));
  const url = previewUrl(siteKey, controls);
  // While a control is half-typed the frame keeps showing the last moment that made sense.
  const lastGood = useRef<string | null>(url);
  if (url !== null) lastGood.current = url;
  const [shown, setShown] = useState(lastGood.current);
  useEffect(() => {
    // A short pause so typing a time does not reload the frame at every key.
    const timer = setTimeout(() => setShown(lastGood.current), 300);
    return () => clearTimeout(timer);
  }, [url]);
  const edit = (change: Partial<PreviewControls>) => setControls((current) => ({ ...current, ...change }));

  return (
    <div class="preview">
      <div class="preview__controls">
        <div class="field">
          <label class="field__label" for="preview-date">
            {t.previewDateLabel}
          </label>
          <input id="preview-date" type="date" value={controls.date} onInput={(e) => edit({ date: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label class="field__label" for="preview-time">
            {t.previewTimeLabel}
          </label>
          <input id="preview-time" type="time" value={controls.time} onInput={(e) => edit({ time: e.currentTarget.value })} />
        </div>
        <div class="field preview__zone">
          <label class="field__label" for="preview-zone">
            {t.previewZoneLabel}
          </label>
          <input
            id="preview-zone"
            type="text"
            list={zoneListId}
            autoComplete="off"
            spellcheck={false}
            value={controls.timeZone}
            onInput={(e) => edit({ timeZone: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label class="field__label" for="preview-lang">
            {t.previewLanguageLabel}
          </label>
          <select id="preview-lang" value={controls.lang} onChange={(e) => edit({ lang: e.currentTarget.value as PreviewLanguage })}>
            {PREVIEW_LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t.visitorLanguageNames[lang]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="button button--quiet preview__now" onClick={() => edit(localPartsIn(now(), isKnownZone(controls.timeZone) ? controls.timeZone : siteTimeZone))}>
          {t.previewNowButton}
        </button>
      </div>
      {url === null && (
        <p class="note" role="status">
          {t.previewIncomplete}
        </p>
      )}
      {shown !== null && <iframe key={`${version}`} class="preview__frame" src={shown} title={t.previewFrameTitle} />}
    </div>
  );
}
