import { UsageLogger } from './usage-logger';

export interface Invoice {
  id: string;
  total: number;
}

/** Exports a user's invoices as CSV; each export is billable usage. */
export async function exportInvoices(userId: string, invoices: Invoice[]): Promise<string> {
  await UsageLogger.instance.record('export', userId);
  return ['id,total', ...invoices.map((invoice) => `${invoice.id},${invoice.total.toFixed(2)}`)].join('\n');
}
