export { describeUserAgent, type UserAgentDescription } from './describe-user-agent.ts';
export { cleanText, NEW_VISIT_AFTER_MS, toVisitContext, toWebAddress, USER_AGENT_LENGTH, type VisitContext } from './visit-context.ts';
export { toVisitorDetails } from './visitor-details.ts';
