import { useRef, useState } from 'preact/hooks';
import type { Channel, SiteSettings } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { settingsFieldId, moveItem, NEW_CHANNEL, removeItem, replaceItem, textOrNull, VISITOR_LANGUAGES, withChannelHours } from '../../state/index.ts';
import { ChoiceField, ListError, SettingsField, type FieldMessages } from './SettingsField.tsx';

interface Props {
  settings: SiteSettings;
  errors: FieldMessages;
  onEdit: (change: (draft: SiteSettings) => SiteSettings, options?: { isStructural?: boolean }) => void;
  /** Moves the focus to a control by id once it is rendered (after adding, moving or removing an item). */
  focusLater: (id: string) => void;
}

interface ItemToolsProps {
  index: number;
  count: number;
  /** The item's accessible name, e.g. "Question 2", so "Move up" is read with what it moves. */
  itemLabel: string;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** Move up / move down / remove for one item of a list. */
function ItemTools({ index, count, itemLabel, onMove, onRemove }: ItemToolsProps) {
  return (
    <div class="settings-item__tools" role="group" aria-label={itemLabel}>
      <button type="button" class="button button--quiet button--small" disabled={index === 0} onClick={() => onMove(-1)}>
        {t.moveUpButton}
        <span class="visually-hidden"> {itemLabel}</span>
      </button>
      <button type="button" class="button button--quiet button--small" disabled={index === count - 1} onClick={() => onMove(1)}>
        {t.moveDownButton}
        <span class="visually-hidden"> {itemLabel}</span>
      </button>
      <button type="button" class="button button--quiet button--small button--danger" onClick={onRemove}>
        {t.removeButton}
        <span class="visually-hidden"> {itemLabel}</span>
      </button>
    </div>
  );
}

/** The frequent questions: add, edit, remove, reorder; each optionally for one visitor language. */
export function FaqSection({ settings, errors, onEdit, focusLater }: Props) {
  const { faq } = settings;
  const setFaq = (change: (list: SiteSettings['faq']) => SiteSettings['faq'], isStructural = false) =>
    onEdit((d) => ({ ...d, faq: change(d.faq) }), { isStructural });
  const listId = settingsFieldId(['faq']);
  return (
    <section class="settings-section" aria-labelledby={listId}>
      <h2 id={listId} class="admin__subheading" tabIndex={-1}>
        {t.faqHeading}
      </h2>
      <p class="admin__intro">{t.faqIntro}</p>
      <ListError path={['faq']} errors={errors} />
      {faq.length === 0 && <p class="note settings-empty">{t.noFaq}</p>}
      <ol class="settings-items">
        {faq.map((entry, index) => (
          <li key={index} class="settings-item">
            <fieldset class="settings-item__fields">
              <legend class="settings-item__legend">{t.faqItemLabel(index + 1)}</legend>
              <SettingsField path={['faq', index, 'question']} label={t.faqQuestionLabel} errors={errors}>
                {(control) => (
                  <input
                    {...control}
                    type="text"
                    value={entry.question}
                    onInput={(e) => {
                      const question = e.currentTarget.value;
                      setFaq((l) => replaceItem(l, index, { ...l[index]!, question }));
                    }}
                  />
                )}
              </SettingsField>
              <SettingsField path={['faq', index, 'answer']} label={t.faqAnswerLabel} errors={errors}>
                {(control) => (
                  <textarea
                    {...control}
                    rows={3}
                    value={entry.answer}
                    onInput={(e) => {
                      const answer = e.currentTarget.value;
                      setFaq((l) => replaceItem(l, index, { ...l[index]!, answer }));
                    }}
                  />
                )}
              </SettingsField>
              <SettingsField path={['faq', index, 'lang']} label={t.faqLanguageLabel} errors={errors}>
                {(control) => (
                  <select
                    {...control}
                    value={entry.lang ?? ''}
                    onChange={(e) => {
                      const lang = e.currentTarget.value;
                      setFaq((l) => {
                        const { lang: _old, ...rest } = l[index]!;
                        return replaceItem(l, index, lang === '' ? rest : { ...rest, lang: lang as (typeof VISITOR_LANGUAGES)[number] });
                      });
                    }}
                  >
                    <option value="">{t.faqEveryLanguage}</option>
                    {VISITOR_LANGUAGES.map((lang) => (
                      <option key={lang} value={lang}>
                        {t.languageNames[lang]}
                      </option>
                    ))}
                  </select>
                )}
              </SettingsField>
            </fieldset>
            <ItemTools
              index={index}
              count={faq.length}
              itemLabel={t.faqItemLabel(index + 1)}
              onMove={(delta) => {
                setFaq((l) => moveItem(l, index, delta), true);
                focusLater(settingsFieldId(['faq', index + delta, 'question']));
              }}
              onRemove={() => {
                setFaq((l) => removeItem(l, index), true);
                focusLater(listId);
              }}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        class="button button--quiet settings-add"
        onClick={() => {
          setFaq((l) => [...l, { question: '', answer: '' }], true);
          focusLater(settingsFieldId(['faq', faq.length, 'question']));
        }}
      >
        {t.addFaqButton}
      </button>
    </section>
  );
}

const CHANNEL_KINDS = ['phone', 'email', 'whatsapp', 'social', 'other'] as const;

/**
 * The owner's other channels. A channel is always open or has its own hours; switching to own hours copies the
 * site's weekly hours, which are edited on the Hours screen (not here).
 */
export function ChannelsSection({ settings, errors, onEdit, focusLater }: Props) {
  const { channels } = settings;
  const setChannels = (change: (list: Channel[]) => Channel[], isStructural = false) =>
    onEdit((d) => ({ ...d, channels: change(d.channels) }), { isStructural });
  const editChannel = (index: number, change: Partial<Channel>) => setChannels((l) => replaceItem(l, index, { ...l[index]!, ...change }));
  const listId = settingsFieldId(['channels']);
  return (
    <section class="settings-section" aria-labelledby={listId}>
      <h2 id={listId} class="admin__subheading" tabIndex={-1}>
        {t.channelsHeading}
      </h2>
      <p class="admin__intro">{t.channelsIntro}</p>
      <ListError path={['channels']} errors={errors} />
      {channels.length === 0 && <p class="note settings-empty">{t.noChannels}</p>}
      <ol class="settings-items">
        {channels.map((channel, index) => (
          <li key={index} class="settings-item">
            <fieldset class="settings-item__fields">
              <legend class="settings-item__legend">{t.channelItemLabel(index + 1)}</legend>
              <SettingsField path={['channels', index, 'kind']} label={t.channelKindLabel} errors={errors}>
                {(control) => (
                  <select {...control} value={channel.kind} onChange={(e) => editChannel(index, { kind: e.currentTarget.value as Channel['kind'] })}>
                    {CHANNEL_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t.channelKindNames[kind]}
                      </option>
                    ))}
                  </select>
                )}
              </SettingsField>
              <SettingsField path={['channels', index, 'label']} label={t.channelLabelLabel} errors={errors}>
                {(control) => <input {...control} type="text" value={channel.label} onInput={(e) => editChannel(index, { label: e.currentTarget.value })} />}
              </SettingsField>
              <SettingsField path={['channels', index, 'value']} label={t.channelValueLabel} errors={errors}>
                {(control) => <input {...control} type="text" value={channel.value} onInput={(e) => editChannel(index, { value: e.currentTarget.value })} />}
              </SettingsField>
              <SettingsField path={['channels', index, 'replyTarget']} label={t.channelReplyTargetLabel} help={t.channelReplyTargetHelp} errors={errors}>
                {(control) => (
                  <input {...control} type="text" value={channel.replyTarget ?? ''} onInput={(e) => editChannel(index, { replyTarget: textOrNull(e.currentTarget.value) })} />
                )}
              </SettingsField>
              <ChoiceField
                path={['channels', index, 'hours']}
                legend={t.channelHoursLabel}
                value={channel.hours === null ? 'always' : 'own'}
                choices={['always', 'own'] as const}
                names={t.channelHoursNames}
                errors={errors}
                onChange={(choice) => setChannels((l) => replaceItem(l, index, withChannelHours(l[index]!, choice === 'own', settings.schedule.weekly)))}
              />
              {channel.hours !== null && <p class="field__help settings-item__note">{t.channelOwnHoursNote}</p>}
            </fieldset>
            <ItemTools
              index={index}
              count={channels.length}
              itemLabel={t.channelItemLabel(index + 1)}
              onMove={(delta) => {
                setChannels((l) => moveItem(l, index, delta), true);
                focusLater(settingsFieldId(['channels', index + delta, 'kind']));
              }}
              onRemove={() => {
                setChannels((l) => removeItem(l, index), true);
                focusLater(listId);
              }}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        class="button button--quiet settings-add"
        onClick={() => {
          setChannels((l) => [...l, structuredClone(NEW_CHANNEL)], true);
          focusLater(settingsFieldId(['channels', channels.length, 'kind']));
        }}
      >
        {t.addChannelButton}
      </button>
    </section>
  );
}

/** The websites the widget may run on; an empty list means any. */
export function OriginsSection({ settings, errors, onEdit, focusLater }: Props) {
  const origins = settings.allowedOrigins;
  const [newOrigin, setNewOrigin] = useState('');
  const newOriginRef = useRef<HTMLInputElement>(null);
  const listId = settingsFieldId(['allowedOrigins']);
  const setOrigins = (change: (list: string[]) => string[], isStructural = false) =>
    onEdit((d) => ({ ...d, allowedOrigins: change(d.allowedOrigins) }), { isStructural });
  const add = () => {
    if (newOrigin.trim() === '') {
      newOriginRef.current?.focus();
      return;
    }
    setOrigins((l) => [...l, newOrigin.trim()], true);
    setNewOrigin('');
    newOriginRef.current?.focus();
  };
  return (
    <section class="settings-section" aria-labelledby={listId}>
      <h2 id={listId} class="admin__subheading" tabIndex={-1}>
        {t.originsHeading}
      </h2>
      <p class="admin__intro">{t.originsIntro}</p>
      <ListError path={['allowedOrigins']} errors={errors} />
      {origins.length === 0 && <p class="note settings-empty">{t.noOrigins}</p>}
      <ul class="settings-items settings-items--compact">
        {origins.map((origin, index) => (
          <li key={index} class="settings-origin">
            <SettingsField path={['allowedOrigins', index]} label={t.originLabel(index + 1)} errors={errors}>
              {(control) => (
                <input
                  {...control}
                  type="url"
                  spellcheck={false}
                  autoComplete="off"
                  value={origin}
                  onInput={(e) => setOrigins((l) => replaceItem(l, index, e.currentTarget.value))}
                />
              )}
            </SettingsField>
            <button
              type="button"
              class="button button--quiet button--small button--danger"
              aria-label={t.removeOriginLabel(origin)}
              onClick={() => {
                setOrigins((l) => removeItem(l, index), true);
                focusLater('settings-new-origin');
              }}
            >
              {t.removeButton}
            </button>
          </li>
        ))}
      </ul>
      <div class="settings-origin settings-origin--new">
        <div class="field">
          <label for="settings-new-origin" class="field__label">
            {t.newOriginLabel}
          </label>
          <input
            id="settings-new-origin"
            ref={newOriginRef}
            type="url"
            spellcheck={false}
            autoComplete="off"
            placeholder="https://shop.example"
            value={newOrigin}
            onInput={(e) => setNewOrigin(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter adds the origin here rather than saving the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" class="button button--quiet" onClick={add}>
          {t.addOriginButton}
        </button>
      </div>
    </section>
  );
}
