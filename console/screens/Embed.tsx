import type { SiteMembership } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';

interface Props {
  site: SiteMembership;
  copyText: (text: string) => Promise<boolean>;
}

/** The one line to paste into the site, with how to use it (owners only). */
export function Embed({ site }: Props) {
  return <h1>{t.navEmbed} — {site.name}</h1>;
}
