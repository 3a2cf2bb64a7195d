import type { SiteSettings } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { textOrNull } from '../../state/index.ts';
import { SettingsField, type FieldMessages } from './SettingsField.tsx';

interface Props {
  settings: SiteSettings;
  errors: FieldMessages;
  onEdit: (change: (draft: SiteSettings) => SiteSettings) => void;
}

/** Who the site's mails to visitors (receipts, replies, links back to the chat) come from. */
export function MailSection({ settings, errors, onEdit }: Props) {
  const { mail } = settings;
  const editMail = (change: Partial<SiteSettings['mail']>) => onEdit((draft) => ({ ...draft, mail: { ...draft.mail, ...change } }));
  return (
    <section class="settings-section" aria-labelledby="settings-mail-heading">
      <h2 id="settings-mail-heading" class="admin__subheading">
        {t.mailSenderHeading}
      </h2>
      <p class="note">{t.mailSenderIntro}</p>
      <SettingsField path={['mail', 'senderName']} label={t.senderNameLabel} help={t.senderNameHelp(settings.teamName)} errors={errors}>
        {(control) => (
          <input {...control} type="text" value={mail.senderName ?? ''} onInput={(e) => editMail({ senderName: textOrNull(e.currentTarget.value) })} />
        )}
      </SettingsField>
      <SettingsField path={['mail', 'senderAddress']} label={t.senderAddressLabel} help={t.senderAddressHelp} errors={errors}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="off"
            value={mail.senderAddress ?? ''}
            onInput={(e) => editMail({ senderAddress: textOrNull(e.currentTarget.value) })}
          />
        )}
      </SettingsField>
    </section>
  );
}
