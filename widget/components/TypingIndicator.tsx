import type { Translator } from '../i18n/index.ts';
import type { OperatorTyping } from '../state/index.ts';

/** "Anna is typing…" while a team member writes. Not announced: it would interrupt a screen reader. */
export function TypingIndicator({ typing, t }: { typing: OperatorTyping | null; t: Translator }) {
  if (!typing) return <p class="typing" aria-hidden="true" />;
  return (
    <p class="typing">
      {typing.name === null ? t.text('typingAnonymous') : t.text('typing', { name: typing.name })}
    </p>
  );
}
