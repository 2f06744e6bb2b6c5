import noDuplicateEntity from './no-duplicate-entity';
import noEntityDoubleLoad from './no-entity-double-load';
import noModuleSingleton from './no-module-singleton';
import noUninjectedSession from './no-uninjected-session';
import requireAsyncFixture from './require-async-fixture';
import requirePerWorkerResource from './require-per-worker-resource';
import requireResourceTeardown from './require-resource-teardown';

/** Every rule, by name. */
export const rules = {
  'no-duplicate-entity': noDuplicateEntity,
  'no-entity-double-load': noEntityDoubleLoad,
  'no-module-singleton': noModuleSingleton,
  'no-uninjected-session': noUninjectedSession,
  'require-async-fixture': requireAsyncFixture,
  'require-per-worker-resource': requirePerWorkerResource,
  'require-resource-teardown': requireResourceTeardown,
};
