/**
 * Exponential backoff with jitter, for the reconnections socket.io does not do by itself
 * (after the server refused or closed the socket). Jitter spreads a fleet of agents that
 * lost the same server so they do not all come back in the same second.
 */
export function createBackoff(options: { baseMs: number; maxMs: number }) {
  let attempt = 0;
  return {
    next(): number {
      const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
      attempt += 1;
      return Math.round(ceiling * (0.5 + Math.random() / 2));
    },
    reset(): void {
      attempt = 0;
    },
  };
}
