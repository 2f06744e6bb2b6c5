// Lints the bundled example (examples/) with the built plugin's `recommended` config and prints
// what it finds. Exits 0 when there are findings (the example has defects on purpose), 1 when it
// finds nothing or cannot run, so a broken plugin never looks like a clean example.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import testIsolation from '../dist/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = path.join(root, 'examples');

async function main() {
  const eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: true,
    // The failure stories under stories/ have their own runner (`npm run stories`).
    overrideConfig: [...testIsolation.configs.recommended, { ignores: ['stories/**', 'dist/**'] }],
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  // Paths relative to the repository read better than absolute ones.
  const relative = results.map((result) => ({ ...result, filePath: path.relative(root, result.filePath) }));
  const findings = results.flatMap((result) => result.messages);
  const fatal = findings.filter((message) => message.fatal);

  console.log(`Linting ${path.relative(root, examples)}/ with test-isolation's recommended config`);
  console.log(await formatter.format(relative));
  const files = results.filter((result) => result.messages.length > 0).length;
  console.log(
    `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} of ${results.length} files` +
      ` (${testIsolation.meta.name} ${testIsolation.meta.version}, ESLint ${ESLint.version})`,
  );
  if (fatal.length > 0) {
    console.error(`demo: ${fatal.length} file(s) could not be parsed`);
    return 1;
  }
  if (findings.length === 0) {
    console.error('demo: no findings; the example has known defects, so the plugin is not working');
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
