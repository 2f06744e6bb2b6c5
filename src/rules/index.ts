import noModuleSingleton from './no-module-singleton';
import requireAsyncFixture from './require-async-fixture';

/** Every rule, by name. */
export const rules = {
  'no-module-singleton': noModuleSingleton,
  'require-async-fixture': requireAsyncFixture,
};
