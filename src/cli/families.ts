/** The four defect families of the plugin, in the order the audit prints them. */
export interface Family {
  id: 'singletons' | 'entities' | 'sessions' | 'async-fixtures' | 'other';
  title: string;
  rules: readonly string[];
}

export const families: readonly Family[] = [
  { id: 'singletons', title: 'Module-level singletons', rules: ['no-module-singleton', 'require-per-worker-resource'] },
  { id: 'entities', title: 'ORM entities registered twice', rules: ['no-duplicate-entity', 'no-entity-double-load'] },
  { id: 'sessions', title: 'Un-injected DB sessions in fixtures', rules: ['no-uninjected-session'] },
  {
    id: 'async-fixtures',
    title: 'Sync fixtures that hold async resources',
    rules: ['require-async-fixture', 'require-resource-teardown'],
  },
];

/** Where a rule the table does not know goes, so a new rule is still printed. */
const otherFamily: Family = { id: 'other', title: 'Other', rules: [] };

const familyByRule = new Map(families.flatMap((family) => family.rules.map((rule) => [rule, family] as const)));

/** The family of a rule, by its name with or without the `test-isolation/` prefix. */
export function familyOf(rule: string): Family {
  return familyByRule.get(rule.replace(/^test-isolation\//, '')) ?? otherFamily;
}

/** Sort key: family order first, then the rule's order in its family. */
export function ruleOrder(rule: string): number {
  const family = familyOf(rule);
  const familyIndex = family === otherFamily ? families.length : families.indexOf(family);
  const ruleIndex = family.rules.indexOf(rule.replace(/^test-isolation\//, ''));
  return familyIndex * 100 + (ruleIndex < 0 ? 99 : ruleIndex);
}
