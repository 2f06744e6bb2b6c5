// A vitest reporter that writes what the stories runner needs: each test's state and first error,
// errors outside tests (an import that throws, a failing hook), and unhandled errors.
import { writeFileSync } from 'node:fs';

/** An error's first line; errors thrown without a message (PGlite's `ErrnoError`) by name and fields. */
function firstLine(error) {
  const text =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : `${error?.name ?? 'Error'} ${JSON.stringify(Object.fromEntries(Object.entries(error ?? {}).filter(([key]) => !['name', 'stack', 'stacks', 'constructor'].includes(key))))}`;
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

export default class SummaryReporter {
  onTestRunEnd(testModules, unhandledErrors, reason) {
    const files = testModules.map((module) => {
      const suiteErrors = [...module.errors()];
      for (const suite of module.children.allSuites()) suiteErrors.push(...suite.errors());
      return {
        file: module.relativeModuleId,
        state: module.state(),
        errors: suiteErrors.map(firstLine),
        tests: [...module.children.allTests()].map((test) => {
          const result = test.result();
          return { name: test.fullName, state: result.state, errors: (result.errors ?? []).map(firstLine) };
        }),
      };
    });
    writeFileSync(
      process.env.STORY_REPORT_FILE,
      JSON.stringify({ reason, files, unhandledErrors: unhandledErrors.map(firstLine) }, null, 2),
    );
  }
}
