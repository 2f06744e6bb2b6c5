// Builds the CommonJS output with tsc, then adds an ES module entry and its types beside it,
// so `import` and `require()` load the same plugin object.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
// The `test-isolation` bin: executable, so `npx test-isolation` runs it in this repository too
// (npm sets the mode itself only when it installs the package).
chmodSync('dist/cli/index.js', 0o755);
writeFileSync(
  'dist/index.mjs',
  "import plugin from './index.js';\n\nexport default plugin;\n",
);
writeFileSync(
  'dist/index.d.mts',
  "import plugin from './index.js';\n\nexport default plugin;\n",
);
