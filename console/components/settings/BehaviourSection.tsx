import type { SiteSettings } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { parseWholeNumber, targetMinutes, VISITOR_LANGUAGES, withAcknowledgement, withTargetKind, withTargetMinutes } from '../../state/index.ts';
import { ChoiceField, SettingsField, type FieldMessages } from './SettingsField.tsx';

interface Props {
  settings: SiteSettings;
  errors: FieldMessages;
  onEdit: (change: (draft: SiteSettings) => SiteSettings) => void;
}

const BASES = ['scheduleAndPresence', 'scheduleOnly', 'presenceOnly'] as const;
const WHEN_CLOSED = ['form', 'hide'] as const;
const TARGET_KINDS = ['working', 'calendar', 'nextOpening'] as const;

/** When the chat is live and what visitors see otherwise, each choice explained in plain words. */
export function BehaviourSection({ settings, errors, onEdit }: Props) {
  const editAvailability = (change: Partial<SiteSettings['availability']>) =>
    onEdit((draft) => ({ ...draft, availability: { ...draft.availability, ...change } }));
  return (
    <section class="settings-section" aria-labelledby="settings-behaviour-heading">
      <h2 id="settings-behaviour-heading" class="admin__subheading">
        {t.behaviourHeading}
      </h2>
      <ChoiceField
        path={['availability', 'basis']}
        legend={t.basisLabel}
        value={settings.availability.basis}
        choices={BASES}
        names={t.basisNames}
        explanations={t.basisHelp}
        errors={errors}
        onChange={(basis) => editAvailability({ basis })}
      />
      <ChoiceField
        path={['availability', 'outsideHours']}
        legend={t.outsideHoursLabel}
        value={settings.availability.outsideHours}
        choices={WHEN_CLOSED}
        names={t.whenClosedNames}
        explanations={t.whenClosedHelp}
        errors={errors}
        onChange={(outsideHours) => editAvailability({ outsideHours })}
      />
      <ChoiceField
        path={['availability', 'nobodyOnline']}
        legend={t.nobodyOnlineLabel}
        value={settings.availability.nobodyOnline}
        choices={WHEN_CLOSED}
        names={t.whenClosedNames}
        explanations={t.whenClosedHelp}
        errors={errors}
        onChange={(nobodyOnline) => editAvailability({ nobodyOnline })}
      />
      <SettingsField path={['defaultLanguage']} label={t.defaultLanguageLabel} help={t.defaultLanguageHelp} errors={errors}>
        {(control) => (
          <select
            {...control}
            value={settings.defaultLanguage}
            onChange={(e) => onEdit((d) => ({ ...d, defaultLanguage: e.currentTarget.value as SiteSettings['defaultLanguage'] }))}
          >
            {VISITOR_LANGUAGES.map((lang) => (
              <option key={lang} value={lang}>
                {t.languageNames[lang]}
              </option>
            ))}
          </select>
        )}
      </SettingsField>
    </section>
  );
}

/** The chat's usual reply time and the form's promise (shared ReplyTarget). */
export function ReplyTargetsSection({ settings, errors, onEdit }: Props) {
  const target = settings.replyTargets.form;
  const editTargets = (change: Partial<SiteSettings['replyTargets']>) =>
    onEdit((draft) => ({ ...draft, replyTargets: { ...draft.replyTargets, ...change } }));
  const minutes = targetMinutes(target);
  return (
    <section class="settings-section" aria-labelledby="settings-targets-heading">
      <h2 id="settings-targets-heading" class="admin__subheading">
        {t.replyTargetsHeading}
      </h2>
      <SettingsField path={['replyTargets', 'chatMinutes']} label={t.chatMinutesLabel} help={t.chatMinutesHelp} errors={errors}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            class="settings-short"
            value={Number.isNaN(settings.replyTargets.chatMinutes) ? '' : settings.replyTargets.chatMinutes}
            onInput={(e) => editTargets({ chatMinutes: parseWholeNumber(e.currentTarget.value) })}
          />
        )}
      </SettingsField>
      <ChoiceField
        path={['replyTargets', 'form']}
        legend={t.formTargetLabel}
        value={target.kind}
        choices={TARGET_KINDS}
        names={t.formTargetKinds}
        explanations={t.formTargetHelp}
        errors={errors}
        onChange={(kind) => editTargets({ form: withTargetKind(target, kind) })}
      />
      <SettingsField path={['replyTargets', 'form', target.kind === 'nextOpening' ? 'plusMinutes' : 'minutes']} label={t.formTargetMinutesLabel} errors={errors}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            class="settings-short"
            value={Number.isNaN(minutes) ? '' : minutes}
            onInput={(e) => editTargets({ form: withTargetMinutes(target, parseWholeNumber(e.currentTarget.value)) })}
          />
        )}
      </SettingsField>
    </section>
  );
}

/** The automatic reply to a form message, per visitor language; empty means our default. */
export function AcknowledgementSection({ settings, errors, onEdit }: Props) {
  return (
    <section class="settings-section" aria-labelledby="settings-ack-heading">
      <h2 id="settings-ack-heading" class="admin__subheading">
        {t.acknowledgementHeading}
      </h2>
      <p class="admin__intro" id="settings-ack-intro">
        {t.acknowledgementIntro}
      </p>
      {VISITOR_LANGUAGES.map((lang) => (
        <SettingsField key={lang} path={['acknowledgement', lang]} label={t.languageNames[lang]} errors={errors}>
          {(control) => (
            <textarea
              {...control}
              lang={lang}
              rows={2}
              value={settings.acknowledgement[lang] ?? ''}
              onInput={(e) => {
                const text = e.currentTarget.value;
                onEdit((d) => ({ ...d, acknowledgement: withAcknowledgement(d.acknowledgement, lang, text) }));
              }}
            />
          )}
        </SettingsField>
      ))}
    </section>
  );
}
