import type { ClientTool } from '@rahatback/protocol';

/** A tool found on disk, with the file its path resolves to. */
export interface FoundTool {
  tool: ClientTool;
  realPath: string;
}

/** Deeper paths name a version or an install (/usr/lib/postgresql/15/bin) rather than a generic folder. */
function specificity(path: string): number {
  return path.split('/').filter((part) => part !== '').length;
}

/**
 * One entry per program: tools that are the same file (a symlink, /bin and /usr/bin on a
 * merged-/usr host) or report the same name and version (a copy in /usr/bin of the one in
 * /usr/lib/postgresql/15/bin) are one tool to the server. The most specific path is kept;
 * between equally specific ones, the first found (the search order puts preferred folders first).
 * The order of first appearance is kept.
 */
export function dedupeTools(found: FoundTool[]): ClientTool[] {
  const kept: FoundTool[] = [];
  for (const candidate of found) {
    const index = kept.findIndex((k) => isSameTool(k, candidate));
    const existing = index === -1 ? undefined : kept[index];
    if (existing === undefined) kept.push(candidate);
    else if (specificity(candidate.tool.path) > specificity(existing.tool.path))
      kept[index] = candidate;
  }
  return kept.map((k) => k.tool);
}

function isSameTool(a: FoundTool, b: FoundTool): boolean {
  if (a.tool.name !== b.tool.name) return false;
  return a.realPath === b.realPath || a.tool.version === b.tool.version;
}
