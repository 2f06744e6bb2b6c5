import { describe, expect, it } from 'vitest';

import { search } from '../src/search';
import { UsageLogger } from '../src/usage-logger';

const titles = ['Quarterly report', 'Annual report', 'Team offsite'];

describe('search', () => {
  it('finds the titles that contain every word', async () => {
    expect(await search('ada', titles, 'report annual')).toEqual(['Annual report']);
  });

  it('ignores case', async () => {
    expect(await search('ada', titles, 'QUARTERLY')).toEqual(['Quarterly report']);
  });

  it('finds nothing for a word that no title has', async () => {
    expect(await search('ada', titles, 'budget')).toEqual([]);
  });

  it('records each search as usage', async () => {
    await search('ada', titles, 'report');
    await search('ada', titles, 'team');
    await search('grace', titles, 'offsite');
    expect(await UsageLogger.instance.count('search')).toBe(3);
  });

  it('records a search that finds nothing too', async () => {
    await search('ada', titles, 'budget');
    expect(await UsageLogger.instance.count('search')).toBe(1);
  });
});
