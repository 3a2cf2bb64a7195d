import type { ConversationEvent } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';

/**
 * The sentence for an operators' event in the timeline ("Jana assigned this to Petr"). The note, comment or
 * promise text is not part of it: the view shows that below, as text. `formatWhen` formats a moment.
 */
export function eventSentence(event: ConversationEvent, operatorId: string, formatWhen: (iso: string) => string): string {
  const actor = event.operatorId === operatorId ? t.you : (event.operatorName ?? t.someone);
  switch (event.kind) {
    case 'note':
      return t.internalNote;
    case 'assigned':
      if (event.targetOperatorId === null) return t.eventUnassigned(actor);
      return t.eventAssigned(actor, event.targetOperatorId === operatorId ? t.you.toLowerCase() : (event.targetOperatorName ?? t.someone));
    case 'resolved':
      return event.at ? t.eventResolvedFollowUp(actor, formatWhen(event.at)) : t.eventResolved(actor);
    case 'reopened':
      return event.operatorId === null ? t.eventReopenedByVisitor : t.eventReopened(actor);
    case 'update_promised':
      return event.at ? t.eventPromised(actor, formatWhen(event.at)) : t.eventPromiseWithdrawn(actor);
    case 'follow_up_set':
      return event.at ? t.eventFollowUpSet(actor, formatWhen(event.at)) : t.eventFollowUpCleared(actor);
    case 'rated':
      return event.rating === 'bad' ? t.eventRatedBad : t.eventRatedGood;
  }
}
