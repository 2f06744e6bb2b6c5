import noDuplicateEntity from './no-duplicate-entity';
import noEntityDoubleLoad from './no-entity-double-load';
import noUninjectedSession from './no-uninjected-session';
import requireAsyncFixture from './require-async-fixture';

/** Every rule, by name. */
export const rules = {
  'no-duplicate-entity': noDuplicateEntity,
  'no-entity-double-load': noEntityDoubleLoad,
  'no-uninjected-session': noUninjectedSession,
  'require-async-fixture': requireAsyncFixture,
};
