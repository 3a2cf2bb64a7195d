import type { SiteSettings } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { useUi } from '../ui-context.ts';
import { settingsFieldId, formatRatio, isHexColour, MIN_TEXT_CONTRAST, textOrNull, whiteTextContrast } from '../../state/index.ts';
import { ChoiceField, SettingsField, type FieldMessages } from './SettingsField.tsx';

interface Props {
  settings: SiteSettings;
  errors: FieldMessages;
  onEdit: (change: (draft: SiteSettings) => SiteSettings) => void;
}

/** Initials from a name, as the widget makes them when the owner sets none: first letters of up to two words. */
function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.slice(0, 2).map((word) => [...word][0]!.toUpperCase()).join('') || '?';
}

/** The team name and the widget's look, with the contrast of white text on the accent and a live sample. */
export function LookSection({ settings, errors, onEdit }: Props) {
  const { look } = settings;
  const { language } = useUi();
  const editLook = (change: Partial<SiteSettings['look']>) => onEdit((draft) => ({ ...draft, look: { ...draft.look, ...change } }));
  const ratio = whiteTextContrast(look.accentColor);
  const isLow = ratio !== null && ratio < MIN_TEXT_CONTRAST;
  const colourId = settingsFieldId(['look', 'accentColor']);
  const swatch = isHexColour(look.accentColor) ? look.accentColor.trim().toLowerCase() : '#9a3412';

  return (
    <section class="settings-section" aria-labelledby="settings-look-heading">
      <h2 id="settings-look-heading" class="admin__subheading">
        {t.lookHeading}
      </h2>
      <SettingsField path={['teamName']} label={t.teamNameLabel} help={t.teamNameHelp} errors={errors}>
        {(control) => <input {...control} type="text" value={settings.teamName} onInput={(e) => onEdit((d) => ({ ...d, teamName: e.currentTarget.value }))} />}
      </SettingsField>

      <div class="field">
        <label for={colourId} class="field__label">
          {t.accentColorLabel}
        </label>
        <div class="settings-colour">
          <input
            type="color"
            class="settings-colour__picker"
            aria-label={t.accentColorPickerLabel}
            value={swatch}
            onInput={(e) => editLook({ accentColor: e.currentTarget.value })}
          />
          <input
            id={colourId}
            type="text"
            class="settings-colour__hex"
            spellcheck={false}
            autoComplete="off"
            maxLength={7}
            value={look.accentColor}
            aria-invalid={errors[colourId] ? 'true' : undefined}
            aria-describedby={[errors[colourId] ? `${colourId}-error` : null, `${colourId}-contrast`, `${colourId}-help`].filter(Boolean).join(' ')}
            onInput={(e) => editLook({ accentColor: e.currentTarget.value })}
          />
        </div>
        {errors[colourId] && (
          <p id={`${colourId}-error`} class="field__error">
            {errors[colourId]}
          </p>
        )}
        <p id={`${colourId}-contrast`} class={isLow ? 'settings-contrast settings-contrast--low' : 'settings-contrast'}>
          {ratio === null ? '' : isLow ? t.contrastLow(formatRatio(ratio, language)) : t.contrastGood(formatRatio(ratio, language))}
        </p>
        <p id={`${colourId}-help`} class="field__help">
          {t.accentColorHelp}
        </p>
      </div>

      <ChoiceField
        path={['look', 'position']}
        legend={t.positionLabel}
        value={look.position}
        choices={['right', 'left'] as const}
        names={t.positionNames}
        errors={errors}
        onChange={(position) => editLook({ position })}
      />
      <SettingsField path={['look', 'launcherLabel']} label={t.launcherLabelLabel} help={t.launcherLabelHelp} errors={errors}>
        {(control) => <input {...control} type="text" value={look.launcherLabel ?? ''} onInput={(e) => editLook({ launcherLabel: textOrNull(e.currentTarget.value) })} />}
      </SettingsField>
      <SettingsField path={['look', 'greeting']} label={t.greetingLabel} help={t.greetingHelp} errors={errors}>
        {(control) => <textarea {...control} rows={2} value={look.greeting ?? ''} onInput={(e) => editLook({ greeting: textOrNull(e.currentTarget.value) })} />}
      </SettingsField>
      <SettingsField path={['look', 'avatarInitials']} label={t.avatarInitialsLabel} help={t.avatarInitialsHelp} errors={errors}>
        {(control) => (
          <input
            {...control}
            type="text"
            class="settings-short"
            autoComplete="off"
            value={look.avatarInitials ?? ''}
            onInput={(e) => editLook({ avatarInitials: textOrNull(e.currentTarget.value) })}
          />
        )}
      </SettingsField>

      {/* A picture of what visitors will see; hidden from screen readers, whose users read the fields above. */}
      <figure class="settings-preview" aria-labelledby="settings-preview-caption">
        <figcaption id="settings-preview-caption" class="field__label">
          {t.lookPreviewHeading}
        </figcaption>
        <div class={`settings-preview__page settings-preview__page--${look.position}`} aria-hidden="true" style={{ '--preview-accent': swatch }}>
          <div class="settings-preview__panel">
            <p class="settings-preview__team">
              <span class="settings-preview__avatar">{look.avatarInitials ?? initialsOf(settings.teamName)}</span>
              <span>{settings.teamName}</span>
            </p>
            {look.greeting && <p class="settings-preview__greeting">{look.greeting}</p>}
            <p class="settings-preview__bubble">{t.previewVisitorMessage}</p>
          </div>
          <span class="settings-preview__launcher">{look.launcherLabel ?? t.previewLauncherDefault}</span>
        </div>
      </figure>
    </section>
  );
}
