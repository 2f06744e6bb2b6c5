import type { UsageLogger } from './usage-logger';

export interface Invoice {
  id: string;
  total: number;
}

/** Exports a user's invoices as CSV; each export is billable usage. */
export async function exportInvoices(usage: UsageLogger, userId: string, invoices: Invoice[]): Promise<string> {
  await usage.record('export', userId);
  return ['id,total', ...invoices.map((invoice) => `${invoice.id},${invoice.total.toFixed(2)}`)].join('\n');
}
