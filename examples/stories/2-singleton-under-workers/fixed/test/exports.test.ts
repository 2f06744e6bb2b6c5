import { describe, expect } from 'vitest';

import { exportInvoices } from '../src/exports';
import { test } from './fixtures';

describe('exportInvoices', () => {
  test('writes one CSV line per invoice', async ({ usage }) => {
    const csv = await exportInvoices(usage, 'ada', [
      { id: 'inv-1', total: 12 },
      { id: 'inv-2', total: 7.5 },
    ]);
    expect(csv).toBe('id,total\ninv-1,12.00\ninv-2,7.50');
  });

  test('writes only the header when there are no invoices', async ({ usage }) => {
    expect(await exportInvoices(usage, 'ada', [])).toBe('id,total');
  });

  test('records each export as usage', async ({ usage }) => {
    await exportInvoices(usage, 'ada', []);
    await exportInvoices(usage, 'grace', []);
    expect(await usage.count('export')).toBe(2);
  });

  test('counts from zero in every test', async ({ usage }) => {
    expect(await usage.count('export')).toBe(0);
  });
});
