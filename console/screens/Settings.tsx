import type { SiteMembership } from '../../shared/index.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useUi } from '../components/index.ts';
import {
  AcknowledgementSection,
  ApiTokensSection,
  BehaviourSection,
  ChannelsSection,
  FaqSection,
  IdentitySecretSection,
  LookSection,
  MailSection,
  OriginsSection,
  ReplyTargetsSection,
  SettingsField,
  SitesSection,
} from '../components/settings/index.ts';
import { t } from '../i18n/index.ts';
import { createSettingsDocument } from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';
import '../settings.css';

interface Props {
  api: ApiClient;
  site: SiteMembership;
  copyText: (text: string) => Promise<boolean>;
  /** Every site of the signed-in operator, for "Your sites". */
  sites: readonly SiteMembership[];
  /** Reads the session again (its list of sites). */
  refreshSession: () => Promise<void>;
  /** A site was created: select it. */
  onSiteAdded: (site: SiteMembership) => void;
}

const NO_ERRORS: Readonly<Record<string, string>> = {};

/**
 * The site's settings (owners only). The settings document is edited whole and saved with one button; a refusal
 * puts each issue next to its field and lists them all at the top with links to the fields, and nothing typed
 * is lost. Leaving with unsaved changes asks first (main.tsx, through the leave guard). The identity secret, API
 * tokens and new sites act at once through their own routes.
 */
export function Settings({ api, site, copyText, sites, refreshSession, onSiteAdded }: Props) {
  const { leaveGuard } = useUi();
  const doc = useMemo(() => createSettingsDocument({ api, siteKey: site.key }), [api, site.key]);
  useEffect(() => {
    void doc.load();
  }, [doc]);
  const draft = doc.draft.value;
  const loadState = doc.loadState.value;
  const saveState = doc.saveState.value;
  const isDirty = doc.isDirty.value;

  useEffect(() => leaveGuard.hold('settings', isDirty), [leaveGuard, isDirty]);
  useEffect(() => () => leaveGuard.hold('settings', false), [leaveGuard]);

  const rootRef = useRef<HTMLElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const focusById = (id: string) => {
    const element = rootRef.current?.querySelector<HTMLElement>(`[id="${id}"]`);
    element?.focus();
  };
  // After an edit that adds, moves or removes an item, the focus goes where the owner expects once it is drawn.
  useEffect(() => {
    if (focusTarget) focusById(focusTarget.id);
  }, [focusTarget]);
  const focusLater = (id: string) => setFocusTarget({ id });

  async function save(event: Event) {
    event.preventDefault();
    const state = await doc.save();
    if (state.status === 'refused') summaryRef.current?.focus();
  }

  const errors = saveState.status === 'refused' ? saveState.placed.byField : NO_ERRORS;
  const summary = saveState.status === 'refused' ? saveState.placed.summary : [];
  const sectionProps = draft ? { settings: draft, errors, onEdit: doc.edit, focusLater } : null;

  return (
    <section class="admin settings" aria-labelledby="settings-heading" ref={rootRef}>
      <h1 id="settings-heading" class="admin__heading">
        {t.settingsHeading(site.name)}
      </h1>
      <p class="admin__intro">{t.settingsIntro}</p>
      {loadState.status === 'loading' && <p class="note">{t.loadingSettings}</p>}
      {loadState.status === 'error' && (
        <p role="alert" class="alert">
          {loadState.message}
        </p>
      )}

      {/* Filled only after a refused save, and focused then, so it is read first. */}
      <div class="settings-summary" tabIndex={-1} ref={summaryRef} role="alert" aria-labelledby="settings-summary-heading" hidden={saveState.status !== 'refused'}>
        {saveState.status === 'refused' && (
          <>
            <p id="settings-summary-heading" class="settings-summary__heading">
              {summary.length > 0 ? t.settingsRefusedSummary(summary.length) : saveState.message}
            </p>
            {summary.length > 0 && (
              <ul class="settings-summary__list">
                {summary.map((entry, index) => (
                  <li key={index}>
                    {entry.fieldId === null ? (
                      entry.message
                    ) : (
                      <a
                        href={`#${entry.fieldId}`}
                        onClick={(event) => {
                          // Not a navigation: the console's route lives in the hash.
                          event.preventDefault();
                          focusById(entry.fieldId!);
                        }}
                      >
                        {entry.message}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>

      {draft && sectionProps && (
        <form class="settings-form" aria-labelledby="settings-heading" noValidate onSubmit={(event) => void save(event)}>
          <LookSection {...sectionProps} />
          <BehaviourSection {...sectionProps} />
          <ReplyTargetsSection {...sectionProps} />
          <AcknowledgementSection {...sectionProps} />
          <FaqSection {...sectionProps} />
          <ChannelsSection {...sectionProps} />
          <OriginsSection {...sectionProps} />
          <MailSection {...sectionProps} />
          <section class="settings-section" aria-labelledby="settings-verification-heading">
            <h2 id="settings-verification-heading" class="admin__subheading">
              {t.verificationHeading}
            </h2>
            <SettingsField path={['requireVerification']} label={t.requireVerificationLabel} help={t.requireVerificationHelp} errors={errors}>
              {(control) => (
                <input
                  {...control}
                  type="checkbox"
                  role="switch"
                  class="settings-switch"
                  checked={draft.requireVerification}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    doc.edit((d) => ({ ...d, requireVerification: checked }));
                  }}
                />
              )}
            </SettingsField>
          </section>
          <div class="settings-savebar">
            <button type="submit" class="button" aria-disabled={saveState.status === 'saving' ? 'true' : undefined}>
              {saveState.status === 'saving' ? t.working : t.saveSettingsButton}
            </button>
            <p role="status" class="settings-savebar__status">
              {saveState.status === 'saved' ? t.settingsSaved : isDirty ? t.unsavedSettings : ''}
            </p>
          </div>
        </form>
      )}

      <IdentitySecretSection api={api} site={site} copyText={copyText} />
      <ApiTokensSection api={api} site={site} copyText={copyText} />
      <SitesSection api={api} sites={sites} refreshSession={refreshSession} onSiteAdded={onSiteAdded} />
    </section>
  );
}
