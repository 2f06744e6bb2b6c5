import noDuplicateEntity from './no-duplicate-entity';
import noEntityDoubleLoad from './no-entity-double-load';
import requireAsyncFixture from './require-async-fixture';

/** Every rule, by name. */
export const rules = {
  'no-duplicate-entity': noDuplicateEntity,
  'no-entity-double-load': noEntityDoubleLoad,
  'require-async-fixture': requireAsyncFixture,
};
