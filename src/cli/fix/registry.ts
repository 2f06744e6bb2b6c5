import type { Codemod } from './codemod';
import type { singletonToFactory } from './singleton-to-factory';

interface CodemodEntry {
  name: string;
  description: string;
  /** Loads the codemod's module (and with it ts-morph) only when it runs. */
  load: () => Codemod;
}

const entries: readonly CodemodEntry[] = [
  {
    name: 'singleton-to-factory',
    description: 'Turn a module-level resource into a factory; tests create and close their own',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: () => (require('./singleton-to-factory') as { singletonToFactory: typeof singletonToFactory }).singletonToFactory,
  },
];

export function codemodNames(): { name: string; description: string }[] {
  return entries.map(({ name, description }) => ({ name, description }));
}

export function loadCodemod(name: string): Codemod | undefined {
  return entries.find((entry) => entry.name === name)?.load();
}
