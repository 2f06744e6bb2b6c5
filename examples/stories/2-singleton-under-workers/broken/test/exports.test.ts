import { describe, expect, it } from 'vitest';

import { exportInvoices } from '../src/exports';
import { UsageLogger } from '../src/usage-logger';

describe('exportInvoices', () => {
  it('writes one CSV line per invoice', async () => {
    const csv = await exportInvoices('ada', [
      { id: 'inv-1', total: 12 },
      { id: 'inv-2', total: 7.5 },
    ]);
    expect(csv).toBe('id,total\ninv-1,12.00\ninv-2,7.50');
  });

  it('writes only the header when there are no invoices', async () => {
    expect(await exportInvoices('ada', [])).toBe('id,total');
  });

  it('records each export as usage', async () => {
    await exportInvoices('ada', []);
    await exportInvoices('grace', []);
    expect(await UsageLogger.instance.count('export')).toBe(2);
  });

  it('counts from zero in every test', async () => {
    expect(await UsageLogger.instance.count('export')).toBe(0);
  });
});
