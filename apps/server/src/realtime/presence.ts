/*
 * An agent is online while one of its connection rows has a fresh heartbeat. Each replica
 * refreshes the rows of the sockets it holds; rows of a replica that died go stale on their
 * own, so no in-memory map is ever the source of truth.
 */
export const HEARTBEAT_INTERVAL_MS = 15_000;
export const ONLINE_WINDOW_MS = 45_000;

export const freshSince = (now: Date): string =>
  new Date(now.getTime() - ONLINE_WINDOW_MS).toISOString();
