import { describe, expect } from 'vitest';

import { search } from '../src/search';
import { test } from './fixtures';

const titles = ['Quarterly report', 'Annual report', 'Team offsite'];

describe('search', () => {
  test('finds the titles that contain every word', async ({ usage }) => {
    expect(await search(usage, 'ada', titles, 'report annual')).toEqual(['Annual report']);
  });

  test('records each search as usage', async ({ usage }) => {
    await search(usage, 'ada', titles, 'report');
    await search(usage, 'ada', titles, 'team');
    await search(usage, 'grace', titles, 'offsite');
    expect(await usage.count('search')).toBe(3);
  });
});
