/**
 * Extracts the product version from a client tool's `--version` line.
 * MariaDB/MySQL clients print their own protocol version first ("Ver 15.1 Distrib 10.11.6-…"
 * or "from 11.4.2-MariaDB, client 15.2"): the server-product version after "Distrib"/"from"
 * is the one that matters. Others print it first ("pg_dump (PostgreSQL) 15.20 (Debian …)",
 * "3.40.1 2022-12-28 …").
 */
export function parseToolVersion(output: string): string | undefined {
  const product = /\b(?:Distrib|from)\s+(\d+\.\d+(?:\.\d+)?[\w.-]*)/.exec(output);
  if (product?.[1] !== undefined) return product[1].replace(/,$/, '');
  const first = /\b(\d+\.\d+(?:\.\d+)?)\b/.exec(output);
  return first?.[1];
}
