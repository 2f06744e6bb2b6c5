import type { Codemod } from './codemod';

export const injectSession: Codemod = {
  name: 'inject-session',
  run: () => ({ changes: [], skipped: [] }),
};
