import type { NotificationMode } from '../../shared/index.ts';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { ApiClient } from '../transport/index.ts';

interface Props {
  api: ApiClient;
  /** Whether the signed-in operator owns the site shown: the default they get until they choose depends on it. */
  isOwner: boolean;
}

const MODES: readonly NotificationMode[] = ['off', 'each', 'digest'];
const LABELS: Record<NotificationMode, () => string> = {
  off: () => t.notificationsOff,
  each: () => t.notificationsEach,
  digest: () => t.notificationsDigest,
};

/**
 * The signed-in operator's own choice of e-mail about new visitor messages (docs/mail.md). Saved as soon as a
 * choice is made; a refused or failed save puts the previous choice back and says why.
 */
export function NotificationSetting({ api, isOwner }: Props) {
  const [mode, setMode] = useState<NotificationMode | null | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void api.getNotifications().then((result) => {
      if (!isCurrent) return;
      if (result.ok) setMode(result.data.mode);
      else setAlert(result.error.message);
    });
    return () => {
      isCurrent = false;
    };
  }, [api]);

  const choose = async (next: NotificationMode) => {
    const previous = mode;
    setMode(next);
    setStatus(null);
    setAlert(null);
    const result = await api.putNotifications(next);
    if (result.ok) setStatus(t.notificationsSaved);
    else {
      setMode(previous);
      setAlert(result.error.message);
    }
  };

  return (
    <section class="admin" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading" class="admin__heading">
        {t.notificationsHeading}
      </h2>
      <p class="note">{t.notificationsIntro}</p>
      {mode === undefined && alert === null && <p class="note">{t.loadingNotifications}</p>}
      {mode !== undefined && (
        <fieldset class="field__choices">
          <legend class="field__label">{t.notificationsHeading}</legend>
          {MODES.map((value) => (
            <label key={value} class="field__choice">
              <input type="radio" name="notification-mode" value={value} checked={mode === value} onChange={() => void choose(value)} /> {LABELS[value]()}
            </label>
          ))}
        </fieldset>
      )}
      {mode === null && <p class="note">{isOwner ? t.notificationsDefaultOwner : t.notificationsDefaultOther}</p>}
      <p role="status" class="admin__status">
        {status}
      </p>
      <p role="alert" class="alert admin__alert">
        {alert}
      </p>
    </section>
  );
}
