import { describe, expect } from 'vitest';

import { search } from '../src/search';
import { test } from './fixtures';

const titles = ['Quarterly report', 'Annual report', 'Team offsite'];

describe('search', () => {
  test('finds the titles that contain every word', async ({ usage }) => {
    expect(await search(usage, 'ada', titles, 'report annual')).toEqual(['Annual report']);
  });

  test('ignores case', async ({ usage }) => {
    expect(await search(usage, 'ada', titles, 'QUARTERLY')).toEqual(['Quarterly report']);
  });

  test('finds nothing for a word that no title has', async ({ usage }) => {
    expect(await search(usage, 'ada', titles, 'budget')).toEqual([]);
  });

  test('records each search as usage', async ({ usage }) => {
    await search(usage, 'ada', titles, 'report');
    await search(usage, 'ada', titles, 'team');
    await search(usage, 'grace', titles, 'offsite');
    expect(await usage.count('search')).toBe(3);
  });

  test('records a search that finds nothing too', async ({ usage }) => {
    await search(usage, 'ada', titles, 'budget');
    expect(await usage.count('search')).toBe(1);
  });
});
