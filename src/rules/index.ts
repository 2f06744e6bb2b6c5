import noModuleSingleton from './no-module-singleton';
import requireAsyncFixture from './require-async-fixture';
import requireResourceTeardown from './require-resource-teardown';
import requirePerWorkerResource from './require-per-worker-resource';

/** Every rule, by name. */
export const rules = {
  'no-module-singleton': noModuleSingleton,
  'require-async-fixture': requireAsyncFixture,
  'require-resource-teardown': requireResourceTeardown,
  'require-per-worker-resource': requirePerWorkerResource,
};
