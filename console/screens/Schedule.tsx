import type { SiteMembership } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { ApiClient } from '../transport/index.ts';

interface Props {
  api: ApiClient;
  site: SiteMembership;
}

/** The site's opening hours, holidays and exceptions, with a preview of the widget (owners only). */
export function Schedule({ site }: Props) {
  return <h1>{t.navSchedule} — {site.name}</h1>;
}
