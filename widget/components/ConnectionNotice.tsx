import type { Translator } from '../i18n/index.ts';
import type { ConnectionState } from '../state/index.ts';

interface Props {
  state: ConnectionState;
  t: Translator;
  onReload(): void;
}

/** The connection's state in words, whenever it is not simply working. */
export function ConnectionNotice({ state, t, onReload }: Props) {
  let text: string | null = null;
  if (state === 'connecting') text = t.text('connecting');
  else if (state === 'reconnecting') text = t.text('reconnecting');
  else if (state === 'outdated') text = t.text('outdated');
  else if (state === 'refused') text = t.text('signIn');
  return (
    <div class="notice" role="status">
      {text !== null && <p>{text}</p>}
      {state === 'outdated' && (
        <button type="button" class="reload" onClick={onReload}>
          {t.text('reload')}
        </button>
      )}
    </div>
  );
}
