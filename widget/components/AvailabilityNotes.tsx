import type { Availability, ChannelStatus } from '../../shared/protocol/availability.ts';
import type { TextKey, Translator } from '../i18n/index.ts';

interface Props {
  t: Translator;
  availability: Availability | null;
  now: Date;
}

/** "{prefix}Today|Tomorrow|Later" filled with the moment's time, or null for a missing or broken instant. */
function atMoment(t: Translator, prefix: 'reply' | 'chat' | 'opens', iso: string | null, now: Date): string | null {
  const moment = iso === null ? null : t.moment(iso, now);
  return moment && t.text(`${prefix}${moment.day}` as TextKey, { time: moment.text });
}

/** The form's promise: by when a person answers, in the visitor's zone ("We'll reply by Monday 9:30 (your time)."). */
export function ReplyTime({ t, availability, now }: Props) {
  return (
    <p class="when" id="pl-reply">
      {atMoment(t, 'reply', availability?.replyBy ?? null, now) ?? t.text('replySoon')}
    </p>
  );
}

/** When the live chat opens next; nothing when that is not known. */
export function NextOnline({ t, availability, now }: Props) {
  const text = atMoment(t, 'chat', availability?.nextOpenAt ?? null, now);
  return text === null ? null : <p class="note">{text}</p>;
}

/** Only links that cannot run script: a phone number, an address, or an http(s) page. */
export function channelHref({ kind, value }: Pick<ChannelStatus, 'kind' | 'value'>): string | null {
  const digits = value.replace(/[^\d+]/g, '');
  if (/^https?:\/\//i.test(value)) return value;
  if (kind === 'phone' && digits !== '') return `tel:${digits}`;
  if (kind === 'email' && value.includes('@')) return `mailto:${value}`;
  if (kind === 'whatsapp' && digits !== '') return `https://wa.me/${digits.replace('+', '')}`;
  return null;
}

/** The owner's other channels, each with whether it is open now and its reply promise. */
export function Channels({ t, availability, now }: Props) {
  const channels = availability?.channels ?? [];
  if (channels.length === 0) return null;
  return (
    <section class="channels" aria-labelledby="pl-channels">
      <h3 id="pl-channels">{t.text('channelsLabel')}</h3>
      <ul>
        {channels.map((channel) => {
          const href = channelHref(channel);
          const state = channel.open
            ? t.text('openNow')
            : (atMoment(t, 'opens', channel.nextOpenAt, now) ?? t.text('closed'));
          return (
            <li key={`${channel.kind}:${channel.value}`}>
              {channel.label}:{' '}
              {href === null ? channel.value : (
                <a href={href} target={href.startsWith('http') ? '_blank' : undefined} rel="noopener noreferrer">
                  {channel.value}
                </a>
              )}
              <span class={channel.open ? 'state open' : 'state'}> · {state}</span>
              {channel.replyTarget !== null && <span class="target"> · {channel.replyTarget}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
