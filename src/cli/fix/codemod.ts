import type { Project } from 'ts-morph';

/** What a codemod is given: the project, loaded from its tsconfig, and where to look. */
export interface CodemodContext {
  project: Project;
  /** The folder of the tsconfig the project comes from. */
  root: string;
  /** The file or folder the user pointed at: the codemod looks for what to change there. */
  scope: string;
}

/** A place the codemod found but could not change, with what to do instead. */
export interface SkippedSite {
  file: string;
  line: number;
  reason: string;
}

export interface CodemodResult {
  /** One line per change made, for the summary (`src/db.ts: createPrisma() builds prisma`). */
  changes: { file: string; description: string }[];
  skipped: SkippedSite[];
}

/**
 * A whole-project refactoring. It edits the project's source files in memory; the fix command
 * diffs them, checks the project's diagnostics before and after, and writes them with --write.
 */
export interface Codemod {
  name: string;
  run(context: CodemodContext): CodemodResult;
}
