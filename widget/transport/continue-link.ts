/**
 * The continue link from a mail (docs/mail.md): the page opens with `#porchlight-continue=<token>`; the widget
 * takes the token out of the address bar at once and exchanges it for a visitor token of the same thread.
 */
const FRAGMENT = /(?:^#|&)porchlight-continue=([\w-]{16,200})(?:&|$)/;

/** The token in the page's fragment, if it carries one. */
export function readContinueToken(hash: string): string | null {
  return FRAGMENT.exec(hash)?.[1] ?? null;
}

/** The fragment without the token (empty when it held nothing else), for history.replaceState. */
export function withoutContinueToken(hash: string): string {
  const rest = hash.replace(/^#/, '').split('&').filter((part) => !part.startsWith('porchlight-continue=')).join('&');
  return rest === '' ? '' : `#${rest}`;
}

/** Why a link did not open the thread: the server's reason, or no answer at all. */
export type ContinueProblem = 'link_invalid' | 'link_expired' | 'link_used' | 'network';

export type ContinueResult = { ok: true; token: string } | { ok: false; problem: ContinueProblem };

const post = (url: string, token: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

/** Uses the link once: a visitor token of the thread's visitor for this browser. */
export async function exchangeContinueToken(baseUrl: string, siteKey: string, token: string): Promise<ContinueResult> {
  try {
    const response = await post(`${baseUrl}/api/v1/sites/${encodeURIComponent(siteKey)}/continue`, token);
    const body = (await response.json()) as { token?: unknown; error?: { code?: unknown } };
    if (response.ok && typeof body.token === 'string') return { ok: true, token: body.token };
    const code = body.error?.code;
    return { ok: false, problem: code === 'link_expired' || code === 'link_used' ? code : 'link_invalid' };
  } catch {
    return { ok: false, problem: 'network' };
  }
}

/** Asks for a new link by mail (to the visitor's own address); true once the server has it queued. */
export async function renewContinueLink(baseUrl: string, siteKey: string, token: string): Promise<boolean> {
  try {
    return (await post(`${baseUrl}/api/v1/sites/${encodeURIComponent(siteKey)}/continue/renew`, token)).status === 202;
  } catch {
    return false;
  }
}
