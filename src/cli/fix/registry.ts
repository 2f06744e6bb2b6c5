import type { canonicalImports } from './canonical-imports';
import type { Codemod } from './codemod';
import type { injectSession } from './inject-session';
import type { singletonToFactory } from './singleton-to-factory';

interface CodemodEntry {
  name: string;
  description: string;
  /** Loads the codemod's module (and with it ts-morph) only when it runs. */
  load: () => Codemod;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const entries: readonly CodemodEntry[] = [
  {
    name: 'inject-session',
    description: 'Make an optional session parameter required; tests pass their session, the app its old default',
    load: () => (require('./inject-session') as { injectSession: typeof injectSession }).injectSession,
  },
  {
    name: 'singleton-to-factory',
    description: 'Turn a module-level resource into a factory; tests create and close their own',
    load: () => (require('./singleton-to-factory') as { singletonToFactory: typeof singletonToFactory }).singletonToFactory,
  },
  {
    name: 'canonical-imports',
    description: 'Import modules through their source path, not a build folder or another letter case',
    load: () => (require('./canonical-imports') as { canonicalImports: typeof canonicalImports }).canonicalImports,
  },
];
/* eslint-enable @typescript-eslint/no-require-imports */

export function codemodNames(): { name: string; description: string }[] {
  return entries.map(({ name, description }) => ({ name, description }));
}

export function loadCodemod(name: string): Codemod | undefined {
  return entries.find((entry) => entry.name === name)?.load();
}
