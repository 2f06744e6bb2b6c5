import { describe, expect, it } from 'vitest';

import { familyOf, families } from '../../src/cli/families';
import { rules } from '../../src/rules';

describe('rule families', () => {
  it('puts every rule of the plugin in one of the four families', () => {
    for (const name of Object.keys(rules)) {
      expect(familyOf(`test-isolation/${name}`).id, name).not.toBe('other');
    }
  });

  it('follows the design: seven rules in four families', () => {
    expect(families.map((family) => [family.id, family.rules])).toEqual([
      ['singletons', ['no-module-singleton', 'require-per-worker-resource']],
      ['entities', ['no-duplicate-entity', 'no-entity-double-load']],
      ['sessions', ['no-uninjected-session']],
      ['async-fixtures', ['require-async-fixture', 'require-resource-teardown']],
    ]);
  });

  it('files a rule it does not know under "Other" rather than dropping it', () => {
    expect(familyOf('test-isolation/some-future-rule').title).toBe('Other');
  });
});
