import { describe, expect, it } from 'vitest';

import { overdueReport } from '../src/reports/overdue-report';

describe('overdueReport', () => {
  it('lists the tasks that are past due and not done', () => {
    const rows = [
      { title: 'Renew the certificate', done: false, dueAt: new Date('2024-03-01') },
      { title: 'Ship 2.0', done: true, dueAt: new Date('2024-02-01') },
      { title: 'Plan the offsite', done: false, dueAt: new Date('2024-04-01') },
    ];
    expect(overdueReport(rows, new Date('2024-03-15'))).toEqual(['Renew the certificate (due 2024-03-01)']);
  });
});
