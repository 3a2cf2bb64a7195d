/** Room names, in one place so every emitter agrees. */
export const rooms = {
  /** Every tab a visitor has open. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Every visitor socket of a site: told when availability changes. */
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
  /** Every operator socket of a site. */
  site: (siteId: string) => `site:${siteId}`,
  /** Every socket opened with one operator session, closed together on logout. */
  session: (tokenHash: string) => `session:${tokenHash}`,
  /** Every console socket of one operator, whatever the session: closed together when they are removed. */
  operator: (operatorId: string) => `operator:${operatorId}`,
} as const;
