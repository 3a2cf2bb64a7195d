/** The line an owner pastes into their site: the loader from this server, for this site. */
export function embedSnippet(origin: string, siteKey: string): string {
  return `<script src="${escapeAttribute(origin)}/widget.js" data-site="${escapeAttribute(siteKey)}" async></script>`;
}

/** Queues `Porchlight(…)` calls made before the loader has run (docs/embedding.md). */
export const QUEUE_STUB = '<script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)}</script>';

/** A site key is ours and plain, but the snippet is HTML the owner pastes: quote it as such anyway. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
