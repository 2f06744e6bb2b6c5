import { describe, expect } from 'vitest';

import { test } from './fixtures';

describe('Scheduler', () => {
  test('records in the job history that a job was scheduled', async ({ scheduler, tx }) => {
    await scheduler.schedule('nightly-report', '0 3 * * *');

    expect(await scheduler.jobs()).toEqual(['nightly-report']);
    const history = await tx.query('select job, kind from job_events');
    expect(history.rows).toEqual([{ job: 'nightly-report', kind: 'scheduled' }]);
  });

  test('starts every test with an empty job history', async ({ tx }) => {
    const history = await tx.query('select job, kind from job_events');
    expect(history.rows).toEqual([]);
  });
});
