import type { PresenceStatus } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { Presence } from '../state/index.ts';

const STATUS_TEXT: Record<PresenceStatus, string> = {
  online: t.statusOnline,
  away: t.statusAway,
  offline: t.statusOffline,
};

/**
 * "Who's online": every operator of the operator's sites with their status, in words and by shape
 * (filled, half, hollow circle), never by colour alone.
 */
export function TeamPresence({ presence }: { presence: Presence }) {
  const { operators, selfId, listError } = presence.state.value;
  return (
    <section class="team" aria-labelledby="team-heading">
      <h2 id="team-heading" class="team__heading">
        {t.teamHeading}
      </h2>
      {listError && <p class="team__note alert">{listError}</p>}
      {operators.length === 0 ? (
        !listError && <p class="team__note">{t.noTeamYet}</p>
      ) : (
        <ul class="team__list" aria-labelledby="team-heading">
          {operators.map((operator) => (
            <li key={operator.operatorId} class={`team__member team__member--${operator.status}`}>
              <span aria-hidden="true" class={`presence-shape presence-shape--${operator.status}`} />
              <span class="team__name">
                {operator.name}
                {operator.operatorId === selfId && t.youSuffix}
              </span>{' '}
              <span class="team__status">{STATUS_TEXT[operator.status]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
