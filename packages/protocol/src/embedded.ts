/**
 * The names the server gives the embedded agent and its default destination. They are stored
 * in English; the web shows them in the reader's language for as long as they are unchanged.
 */
export const EMBEDDED_AGENT_NAME = 'this server';
export const EMBEDDED_STORAGE_NAME = 'Local folder (this server)';
