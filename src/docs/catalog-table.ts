import type { AcquireSpec, ResourceSpec } from '../analysis/catalog';

/** The README's resource catalog table, rendered from the catalog data so the two never drift. */
export function renderCatalogTable(specs: readonly ResourceSpec[]): string {
  const code = (items: readonly string[] | undefined) => (items ?? []).map((item) => `\`${item}\``).join(' ');
  const rows = specs.map((spec) => {
    const created = [
      ...(spec.acquire ?? []).map(acquisitionText),
      ...yieldedBy(spec, specs).map(([owner, member]) => `\`${owner}\` → \`${member}\``),
    ].join(', ');
    return `| ${spec.packages.map((pkg) => `\`${pkg}\``).join(', ')} | ${spec.name} | ${created} | ${code(spec.open)} | ${code(spec.work)} | ${code(spec.release)} | ${code(spec.syncRelease)} |`;
  });
  return [
    '| Packages | Resource | Created by | Open (awaited) | Work (awaited) | Release (awaited) | Synchronous release |',
    '| :-- | :-- | :-- | :-- | :-- | :-- | :-- |',
    ...rows,
  ].join('\n');
}

function acquisitionText(acquire: AcquireSpec): string {
  if (acquire.module) return acquire.export === '*' ? 'the module namespace' : 'the module itself';
  const name = acquire.export === 'default' ? '<default>' : acquire.export;
  let text = acquire.call ? `${name}.${acquire.call}()` : acquire.new ? `new ${name}()` : `${name}()`;
  if (acquire.then) text += `…${acquire.then}()`;
  return `\`${text}\``;
}

function yieldedBy(spec: ResourceSpec, specs: readonly ResourceSpec[]): [string, string][] {
  return specs.flatMap((owner) =>
    Object.entries(owner.yields ?? {})
      .filter(([, yielded]) => yielded === spec.name)
      .map(([member]): [string, string] => [owner.name, member]),
  );
}
