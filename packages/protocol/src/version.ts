/**
 * The version of the server ↔ agent ↔ browser protocol. Every socket payload carries it
 * as `v`; the server refuses an agent that announces another one.
 */
export const PROTOCOL_VERSION = 1 as const;
export type ProtocolVersion = typeof PROTOCOL_VERSION;
