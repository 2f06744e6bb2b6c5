import { readdirSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** One worker per test file: the config allows two workers, and there are two files. */
const workers = readdirSync('test').filter((name) => name.endsWith('.test.ts')).length;
const arrivals = '.data/started';
/** Long enough for a worker to start on a busy machine; the wait never fails a test. */
const patienceMs = 30_000;

/**
 * Waits until every worker of the run has started, so that the test files run side by side from
 * their first line, as vitest starts them on an idle machine. On a busy one, a worker can start
 * seconds after the other, and two short files can then run one after the other. This only orders
 * the start: it does not touch the database, and after `patienceMs` it goes on alone.
 */
export async function everyWorkerStarted(): Promise<void> {
  await mkdir(arrivals, { recursive: true });
  await writeFile(`${arrivals}/${process.pid}`, '');
  const deadline = Date.now() + patienceMs;
  while ((await readdir(arrivals)).length < workers && Date.now() < deadline) await sleep(10);
}
