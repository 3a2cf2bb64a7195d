import type { VisitorDetails } from '../../shared/index.ts';
import type { VisitorRecord } from '../storage/index.ts';
import { describeUserAgent } from './describe-user-agent.ts';

/** What operators are shown about a stored visitor; `online` is known only to the sockets layer. */
export function toVisitorDetails(visitor: VisitorRecord, online: boolean): VisitorDetails {
  return {
    id: visitor.id,
    siteId: visitor.siteId,
    displayName: visitor.displayName,
    name: visitor.name,
    email: visitor.email,
    verified: visitor.verified,
    timeZone: visitor.timeZone,
    locale: visitor.locale,
    userAgent: visitor.userAgent,
    ...describeUserAgent(visitor.userAgent),
    referrer: visitor.referrer,
    pages: visitor.pages,
    firstSeenAt: visitor.createdAt,
    lastSeenAt: visitor.lastSeenAt,
    visits: visitor.visits,
    online,
  };
}
