import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { inject } from 'vitest';

/** Set by test/global-setup.ts: 2 when the two files run in parallel, as configured; 1 when they do not. */
const workers = inject('filesSideBySide');
/** Long enough for a worker to catch up on a busy machine; the wait never fails a test. */
const patienceMs = 30_000;

/**
 * Waits until every worker of the run has reached the same step, so that the test files run side
 * by side, as they do in a suite with more files and more work in each. In this one, two short files
 * could otherwise run one after the other on a busy machine. It only orders the steps: whatever
 * `done` settles with (an error included) is this worker's, and after `patienceMs` it goes on alone.
 *
 * @param step names the step; each worker leaves a marker file in `.data/steps/<step>/`.
 * @param done what this worker must finish before the step counts as reached.
 */
export async function allWorkersReach(step: string, done?: Promise<unknown>): Promise<void> {
  const failure = await Promise.resolve(done).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  const markers = `.data/steps/${step}`;
  await mkdir(markers, { recursive: true });
  await writeFile(`${markers}/${process.pid}`, '');
  const deadline = Date.now() + patienceMs;
  while ((await readdir(markers)).length < workers && Date.now() < deadline) await sleep(10);
  if (failure) throw failure.error;
}
