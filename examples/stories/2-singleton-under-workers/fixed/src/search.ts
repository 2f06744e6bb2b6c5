import type { UsageLogger } from './usage-logger';

/** Finds the titles that contain every word of the query; each search is billable usage. */
export async function search(usage: UsageLogger, userId: string, titles: string[], query: string): Promise<string[]> {
  await usage.record('search', userId);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return titles.filter((title) => words.every((word) => title.toLowerCase().includes(word)));
}
