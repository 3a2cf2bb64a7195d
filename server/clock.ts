/** The only source of "now" on the server; tests pass a fixed or steerable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
