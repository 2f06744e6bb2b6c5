import { structuredPatch } from 'diff';

/** A git-style unified diff of one file (`--- a/path`, `+++ b/path`, hunks with 3 lines of context). */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = structuredPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: 3 });
  const lines = [`--- a/${displayPath}`, `+++ b/${displayPath}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
