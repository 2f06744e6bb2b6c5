import requireAsyncFixture from './require-async-fixture';

/** Every rule, by name. */
export const rules = {
  'require-async-fixture': requireAsyncFixture,
};
