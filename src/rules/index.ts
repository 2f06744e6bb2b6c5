import requireAsyncFixture from './require-async-fixture';
import requireResourceTeardown from './require-resource-teardown';

/** Every rule, by name. */
export const rules = {
  'require-async-fixture': requireAsyncFixture,
  'require-resource-teardown': requireResourceTeardown,
};
