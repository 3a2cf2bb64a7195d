import type { MailSummary } from '../../shared/index.ts';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { useUi } from './ui-context.ts';
import { loadFailedMails, mailKindName } from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';
import '../mail.css';

interface Props {
  api: ApiClient;
  siteId: string;
  conversationId: string;
}

/**
 * A short notice for each mail of the conversation that could not be delivered, with the mail server's
 * answer: the operator then knows the visitor never got it and can answer another way. The answer is the
 * server's text and the address the visitor's, so both are shown as text.
 */
export function FailedMails({ api, siteId, conversationId }: Props) {
  const { now } = useUi();
  const [failed, setFailed] = useState<readonly MailSummary[]>([]);
  const [hasPending, setPending] = useState(false);
  // A receipt usually fails seconds after the message that queued it, often with the conversation open: while
  // a mail is still on its way, look again each time the console's clock ticks (every 30 s).
  const tick = hasPending ? now.value : 0;
  useEffect(() => {
    let isCurrent = true;
    void loadFailedMails(api, siteId, conversationId).then((loaded) => {
      if (!isCurrent) return;
      setFailed(loaded.failed);
      setPending(loaded.hasPending);
    });
    return () => {
      isCurrent = false;
    };
  }, [api, siteId, conversationId, tick]);

  if (failed.length === 0) return null;
  return (
    <section class="failed-mails__section" aria-labelledby="failed-mails-heading">
      <h3 id="failed-mails-heading" class="visitor__heading">
        {t.failedMailsHeading}
      </h3>
      <ul class="failed-mails">
        {failed.map((mail) => (
          <li key={mail.id}>{t.failedMailNotice(mailKindName(mail.kind, t.mailNoticeKinds), mail.recipient, mail.lastError ?? '')}</li>
        ))}
      </ul>
    </section>
  );
}
