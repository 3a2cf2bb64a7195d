import type { SiteMembership } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { ApiClient } from '../transport/index.ts';

interface Props {
  api: ApiClient;
  site: SiteMembership;
  copyText: (text: string) => Promise<boolean>;
}

/** The site's settings (owners only). */
export function Settings({ site }: Props) {
  return <h1>{t.navSettings} — {site.name}</h1>;
}
