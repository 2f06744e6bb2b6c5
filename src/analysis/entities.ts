import { type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, enclosingFunction, flattenMemberChain, importBehind, isFunctionNode, isWithin, memberName, propertyKeyName, unwrapExpression } from './ast';
import type { NameSource, RegisterSpec, ResourceCatalog, ResourceSpec } from './catalog';
import type { BindingTarget } from './module-scope';
import type { ImportedBinding } from './resources';
import { callbackRunsByName } from './test-framework';
import { walk } from './traverse';
import { matchesGlob } from '../util/glob';
import { AST_NODE_TYPES } from '../util/node-types';
import { escapeRegExp } from '../util/regexp';

/** How the registration recogniser sees one file: the same questions for the linted file and for parsed project files. */
export interface RegistrationResolver {
  readonly file: string;
  readonly catalog: ResourceCatalog;
  /** What an identifier refers to where it is written; undefined for globals. */
  resolve(identifier: TSESTree.Identifier): BindingTarget | undefined;
  /** The catalog resource an expression holds, for `receiver.model(...)` forms. */
  resourceOf(node: TSESTree.Node): ResourceSpec | undefined;
  /** Where an imported binding is declared, following re-exports: `<file>#<export>`, or `<module>#<export>` for packages. */
  importIdentity(binding: ImportedBinding): string;
}

/** One entity registration found in a file's AST. */
export interface RegistrationSite {
  /** Where to report: the call, `new` expression, decorator or static property. */
  node: TSESTree.Node;
  register: RegisterSpec;
  owner: ResourceSpec;
  name: string;
  /** `registry|connection|namespace|name`: two sites with one key write the same registry slot. */
  key: string;
  /** The object the registry compares (a mongoose schema, a typegoose class): undefined when the spec has none, null when unknown. */
  identity: string | null | undefined;
  /** The site runs more than once: inside a function that is not a run-once test callback or IIFE. */
  repeatable: boolean;
  /** The compared object is created by the same code path each time it runs, so a repeat conflicts. */
  freshPerRun: boolean;
  /** A check for an existing registration (`mongoose.models.X ?? model(...)`) or a handled error guards it. */
  guarded: boolean;
  /** The innermost function around the site (a test callback, a helper), or undefined at module level. */
  container: TSESTree.Node | undefined;
}

interface RegistrationTable {
  byExport: Map<string, { register: RegisterSpec; owner: ResourceSpec }[]>;
  byMethod: Map<string, { register: RegisterSpec; owner: ResourceSpec }[]>;
  /** Text shapes of every registration form by the word they contain; most need the package named in the same file. */
  textFilters: Map<string, { pattern: RegExp; packages: string[] | undefined }[]>;
  /** Each word of `textFilters` as a whole identifier. */
  wholeWords: Map<string, RegExp>;
  /** Any of the words of `textFilters`: one pass that rules out most files. */
  anyWord: RegExp;
}

/**
 * A word as a whole identifier (`define`, not the `define` in `undefined`): every text shape writes
 * its word so, and the whole word is much rarer than the substring.
 */
function wholeWord(word: string): string {
  const edge = (char: string) => (/\w/.test(char) ? '\\b' : '');
  return `${edge(word[0]!)}${escapeRegExp(word)}${edge(word.at(-1)!)}`;
}

const tables = new WeakMap<ResourceCatalog, RegistrationTable>();

const typeArguments = '(?:<[^()]*>)?';

/** The written shape of a registration: `model(`, `@Entity`, `new EntitySchema`, `static tableName`. */
function textShape(register: RegisterSpec): string | undefined {
  const exported = register.export === undefined ? undefined : escapeRegExp(register.export);
  const method = register.method === undefined ? undefined : escapeRegExp(register.method);
  switch (register.form) {
    case 'call':
      return exported && `\\b${exported}\\s*${typeArguments}\\s*\\(`;
    case 'new':
      return exported && `\\bnew\\s+(?:[\\w$]+\\.)?${exported}\\b`;
    case 'decorator':
      return exported && `@\\s*(?:[\\w$]+\\.)?${exported}\\b`;
    case 'method':
    case 'staticInit':
    case 'schemaTable':
      return method && `\\.\\s*${method}\\s*${typeArguments}\\s*\\(`;
    case 'staticProperty':
      return method && `\\bstatic\\s+(?:get\\s+|readonly\\s+)?${method}\\b`;
  }
}

function registrationTable(catalog: ResourceCatalog): RegistrationTable {
  let table = tables.get(catalog);
  if (table) return table;
  const byExport = new Map<string, { register: RegisterSpec; owner: ResourceSpec }[]>();
  const byMethod = new Map<string, { register: RegisterSpec; owner: ResourceSpec }[]>();
  const textFilters = new Map<string, { pattern: RegExp; packages: string[] | undefined }[]>();
  const add = (map: typeof byExport, key: string, entry: { register: RegisterSpec; owner: ResourceSpec }) => {
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  };
  for (const owner of catalog.specs) {
    for (const register of owner.registers ?? []) {
      const entry = { register, owner };
      // Keyed by the name written at the site: the export for call/new/decorator forms, the
      // method or property for the others.
      if (register.export !== undefined && ['call', 'new', 'decorator'].includes(register.form)) add(byExport, register.export, entry);
      if (register.method !== undefined && ['method', 'staticInit', 'staticProperty', 'schemaTable'].includes(register.form)) {
        add(byMethod, register.method, entry);
      }
      const shape = textShape(register);
      if (shape === undefined) continue;
      // A method form's receiver may come from another module; every other form imports from the package here.
      const packages = register.form === 'method' ? undefined : (register.packages ?? owner.packages).map((pkg) => pkg.replace(/\*.*$/, ''));
      const word = (register.form === 'call' || register.form === 'new' || register.form === 'decorator' ? register.export : register.method)!;
      const filters = textFilters.get(word) ?? [];
      filters.push({ pattern: new RegExp(shape), packages });
      textFilters.set(word, filters);
    }
  }
  table = {
    byExport,
    byMethod,
    textFilters,
    wholeWords: new Map([...textFilters.keys()].map((word) => [word, new RegExp(wholeWord(word))])),
    anyWord: textFilters.size === 0 ? /(?!)/ : new RegExp([...textFilters.keys()].map(wholeWord).join('|')),
  };
  tables.set(catalog, table);
  return table;
}

/** Whether a file's text could hold a registration this catalog knows: decides whether the index parses it. */
export function mayContainRegistration(text: string, catalog: ResourceCatalog): boolean {
  const table = registrationTable(catalog);
  // One pass for all the words, then checks per word: all much cheaper than the patterns on files
  // that have none of the words.
  if (!table.anyWord.test(text)) return false;
  for (const [word, filters] of table.textFilters) {
    if (!text.includes(word) || !table.wholeWords.get(word)!.test(text)) continue;
    for (const filter of filters) {
      if ((filter.packages === undefined || filter.packages.some((pkg) => text.includes(pkg))) && filter.pattern.test(text)) return true;
    }
  }
  return false;
}

/** Every entity registration in a program, in source order. */
export function findRegistrations(program: TSESTree.Program, resolver: RegistrationResolver): RegistrationSite[] {
  const table = registrationTable(resolver.catalog);
  if (table.byExport.size === 0 && table.byMethod.size === 0) return [];
  const sites: RegistrationSite[] = [];
  walk(program, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        for (const site of registrationsOfCall(node, table, resolver)) sites.push(site);
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        for (const site of registrationsOfClass(node, table, resolver)) sites.push(site);
        break;
      default:
        break;
    }
  });
  return sites;
}

function registrationsOfCall(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  table: RegistrationTable,
  resolver: RegistrationResolver,
): RegistrationSite[] {
  const callee = unwrapExpression(node.callee);
  const isNew = node.type === AST_NODE_TYPES.NewExpression;
  const calleeName = nameOf(callee);
  if (calleeName === undefined) return [];
  const found: RegistrationSite[] = [];
  for (const { register, owner } of table.byExport.get(calleeName) ?? []) {
    if ((register.form === 'new') !== isNew || register.form === 'decorator') continue;
    if (!importMatches(exportOf(callee, resolver), register, owner, resolver.catalog)) continue;
    const site = buildSite(node, register, owner, resolver, { args: node.arguments, connectionNode: undefined });
    if (site) found.push(site);
  }
  if (isNew || callee.type !== AST_NODE_TYPES.MemberExpression) return found;
  for (const { register, owner } of table.byMethod.get(calleeName) ?? []) {
    const receiver = unwrapExpression(callee.object);
    if (register.form === 'method') {
      if (resolver.resourceOf(receiver) !== owner) continue;
      const site = buildSite(node, register, owner, resolver, { args: node.arguments, connectionNode: receiver });
      if (site) found.push(site);
    } else if (register.form === 'staticInit') {
      const classNode = receiver.type === AST_NODE_TYPES.Identifier ? classOfIdentifier(receiver, resolver) : undefined;
      if (!classNode?.superClass || !importMatches(exportOf(classNode.superClass, resolver), register, owner, resolver.catalog)) continue;
      const site = buildSite(node, register, owner, resolver, { args: node.arguments, classNode, connectionNode: undefined });
      if (site) found.push(site);
    } else if (register.form === 'schemaTable') {
      const schemaCall = schemaCallOf(receiver, resolver);
      if (!schemaCall || !importMatches(exportOf(unwrapExpression(schemaCall.callee), resolver), register, owner, resolver.catalog)) continue;
      const site = buildSite(node, register, owner, resolver, { args: node.arguments, namespaceArgs: schemaCall.arguments, connectionNode: undefined });
      if (site) found.push(site);
    }
  }
  return found;
}

function registrationsOfClass(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  table: RegistrationTable,
  resolver: RegistrationResolver,
): RegistrationSite[] {
  const found: RegistrationSite[] = [];
  // espree leaves `decorators` out of plain JavaScript classes.
  for (const decorator of node.decorators ?? []) {
    const expression = unwrapExpression(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(expression.callee) : expression;
    const name = nameOf(callee);
    if (name === undefined) continue;
    for (const { register, owner } of table.byExport.get(name) ?? []) {
      if (register.form !== 'decorator' || !importMatches(exportOf(callee, resolver), register, owner, resolver.catalog)) continue;
      const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
      const site = buildSite(decorator, register, owner, resolver, { args, classNode: node, connectionNode: undefined });
      if (site) found.push(site);
    }
  }
  if (!node.superClass) return found;
  for (const member of node.body.body) {
    if (
      !(member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.MethodDefinition) ||
      !member.static
    ) {
      continue;
    }
    const key = propertyKeyName(member);
    if (key === undefined) continue;
    for (const { register, owner } of table.byMethod.get(key) ?? []) {
      if (register.form !== 'staticProperty' || !importMatches(exportOf(node.superClass, resolver), register, owner, resolver.catalog)) continue;
      const name = staticStringValue(member);
      if (name === undefined) continue;
      const site = finishSite(member, register, owner, resolver, name, '', 'default', undefined);
      if (site) found.push(site);
    }
  }
  return found;
}

/** `static tableName = 'persons'` or `static get tableName() { return 'persons' }`. */
function staticStringValue(member: TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (member.type === AST_NODE_TYPES.PropertyDefinition) return member.value ? stringValue(member.value) : undefined;
  if (member.kind !== 'get' || member.value.body?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const [only] = member.value.body.body;
  return member.value.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument
    ? stringValue(only.argument)
    : undefined;
}

interface SiteInput {
  args: readonly TSESTree.CallExpressionArgument[];
  /** The class a decorator, `init` or static property belongs to. */
  classNode?: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  /** The receiver of a `method` form: the connection the registration lands on. */
  connectionNode: TSESTree.Node | undefined;
  /** Arguments of the schema call in a `schemaTable` form. */
  namespaceArgs?: readonly TSESTree.CallExpressionArgument[];
}

type SourceValue = { value: string } | 'absent' | 'unknown';

function buildSite(
  node: TSESTree.Node,
  register: RegisterSpec,
  owner: ResourceSpec,
  resolver: RegistrationResolver,
  input: SiteInput,
): RegistrationSite | undefined {
  if (register.minArguments !== undefined && input.args.length < register.minArguments) return undefined;
  if (input.args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  let name: string | undefined;
  for (const source of register.name) {
    const value = evaluateSource(source, input.args, input.classNode, resolver);
    if (value === 'unknown') return undefined;
    if (value !== 'absent') {
      name = value.value;
      break;
    }
  }
  if (name === undefined || name === '') return undefined;
  const namespaceParts: string[] = [];
  for (const source of register.namespace ?? []) {
    const value = evaluateSource(source, input.namespaceArgs ?? input.args, input.classNode, resolver);
    if (value === 'unknown') return undefined;
    if (value !== 'absent') namespaceParts.push(value.value);
  }
  let connection = 'default';
  if (input.connectionNode) {
    connection = connectionIdentity(input.connectionNode, resolver);
  } else if (register.connection) {
    const connectionNode = sourceNode(register.connection, input.args);
    if (connectionNode === 'unknown') return undefined;
    if (connectionNode !== 'absent') connection = connectionIdentity(connectionNode, resolver);
  }
  const identityNode = register.identityArgument === undefined ? undefined : input.args[register.identityArgument];
  const identity = register.identityArgument === undefined ? undefined : identityNode ? (objectIdentity(identityNode, resolver) ?? null) : null;
  const site = finishSite(node, register, owner, resolver, name, namespaceParts.join('.'), connection, identity);
  if (site && identityNode) site.freshPerRun = isCreatedWithin(identityNode, node, resolver);
  return site;
}

function finishSite(
  node: TSESTree.Node,
  register: RegisterSpec,
  owner: ResourceSpec,
  resolver: RegistrationResolver,
  name: string,
  namespace: string,
  connection: string,
  identity: string | null | undefined,
): RegistrationSite | undefined {
  const execution = executionOf(node);
  if (execution.runs === 'never') return undefined;
  return {
    node,
    register,
    owner,
    name,
    key: [register.registry, connection, namespace, name].join('|'),
    identity,
    repeatable: execution.runs === 'repeatedly',
    container: enclosingFunction(node),
    freshPerRun: identity === undefined,
    guarded: isGuarded(node, resolver),
  };
}

/** The node a source points at (the argument or the property value), before reading it. */
function sourceNode(source: NameSource, args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | 'absent' | 'unknown' {
  if (source.argument === undefined) return 'absent';
  const argument = args[source.argument];
  if (!argument) return 'absent';
  if (source.property === undefined) return argument;
  let current: TSESTree.Node = unwrapExpression(argument);
  for (const segment of source.property.split('.')) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression) return current.type === AST_NODE_TYPES.Literal ? 'absent' : 'unknown';
    let next: TSESTree.Node | undefined;
    let hasSpread = false;
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) hasSpread = true;
      else if (propertyKeyName(property) === segment) next = property.value;
      else if (property.computed) hasSpread = true;
    }
    if (!next) return hasSpread ? 'unknown' : 'absent';
    current = unwrapExpression(next);
  }
  return current;
}

function evaluateSource(
  source: NameSource,
  args: readonly TSESTree.CallExpressionArgument[],
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined,
  resolver: RegistrationResolver,
): SourceValue {
  let result: SourceValue;
  if (source.argument === undefined) {
    if (!source.className) return 'absent';
    result = classNode ? classNameOf(classNode, source) : 'unknown';
  } else {
    const node = sourceNode(source, args);
    if (node === 'absent' || node === 'unknown') return node;
    result = source.className ? classNameOfReference(node, source, resolver) : stringSource(node, source, resolver);
  }
  if (typeof result === 'object' && source.case === 'snake') return { value: snakeCase(result.value) };
  return result;
}

/** A string-valued source: a literal, a `const` holding one, or `SomeClass.name`. */
function stringSource(node: TSESTree.Node, source: NameSource, resolver: RegistrationResolver): SourceValue {
  const value = unwrapExpression(node);
  const literal = stringValue(value);
  if (literal !== undefined) return { value: literal };
  // An object where a plain-string source expects a string: `@Entity({ name })` is read by the next source.
  if (source.property === undefined && (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression)) {
    return 'absent';
  }
  if (value.type === AST_NODE_TYPES.Identifier) {
    const target = resolver.resolve(value);
    if (target?.kind === 'variable' && target.constant && target.declarator.init) {
      const constant = stringValue(unwrapExpression(target.declarator.init));
      if (constant !== undefined) return { value: constant };
    }
    return 'unknown';
  }
  // `Cat.name` in NestJS and typegoose code
  if (value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'name' && value.object.type === AST_NODE_TYPES.Identifier) {
    return classNameOfReference(value.object, source, resolver);
  }
  return 'unknown';
}

function classNameOf(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression, source: NameSource): SourceValue {
  if (source.renamedBy && (classNode.decorators ?? []).some((decorator) => source.renamedBy!.includes(decoratorName(decorator) ?? ''))) {
    return 'unknown';
  }
  if (classNode.id) return { value: classNode.id.name };
  const parent = classNode.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return { value: parent.id.name };
  return 'unknown';
}

/** The name of a class given by reference: a same-file class, or the export name of an imported one. */
function classNameOfReference(node: TSESTree.Node, source: NameSource, resolver: RegistrationResolver): SourceValue {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.ClassExpression) return classNameOf(value, source);
  if (value.type !== AST_NODE_TYPES.Identifier) return 'unknown';
  const target = resolver.resolve(value);
  if (target?.kind === 'class') return classNameOf(target.node, source);
  if (target?.kind === 'variable' && target.constant && target.declarator.init) {
    const init = unwrapExpression(target.declarator.init);
    return init.type === AST_NODE_TYPES.ClassExpression ? classNameOf(init, source) : 'unknown';
  }
  if (target?.kind === 'import' && target.binding.exportName !== 'default' && target.binding.exportName !== '*') {
    return { value: target.binding.exportName };
  }
  return 'unknown';
}

function decoratorName(decorator: TSESTree.Decorator): string | undefined {
  const expression = unwrapExpression(decorator.expression);
  return nameOf(expression.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(expression.callee) : expression);
}

/** The name a callee is written with: `f` in `f()`, `model` in `db.model()`. */
function nameOf(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
}

function classOfIdentifier(
  identifier: TSESTree.Identifier,
  resolver: RegistrationResolver,
): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  const target = resolver.resolve(identifier);
  if (target?.kind === 'class') return target.node;
  if (target?.kind === 'variable' && target.constant && target.declarator.init) {
    const init = unwrapExpression(target.declarator.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return undefined;
}

/** `pgSchema('auth')` written inline or held by a `const`. */
function schemaCallOf(receiver: TSESTree.Node, resolver: RegistrationResolver): TSESTree.CallExpression | undefined {
  let value = unwrapExpression(receiver);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const target = resolver.resolve(value);
    if (target?.kind !== 'variable' || !target.constant || !target.declarator.init) return undefined;
    value = unwrapExpression(target.declarator.init);
  }
  return value.type === AST_NODE_TYPES.CallExpression ? value : undefined;
}

/** The import behind `X` or `ns.X` / `defaultExport.X`. */
function exportOf(node: TSESTree.Node, resolver: RegistrationResolver): ImportedBinding | undefined {
  return importBehind(node, (identifier) => {
    const target = resolver.resolve(identifier);
    return target?.kind === 'import' ? target.binding : undefined;
  });
}

function importMatches(
  binding: ImportedBinding | undefined,
  register: RegisterSpec,
  owner: ResourceSpec,
  catalog: ResourceCatalog,
): boolean {
  if (!binding || binding.exportName !== register.export) return false;
  if (!catalog.specsForModule(binding.module).includes(owner)) return false;
  return !register.packages || register.packages.some((pattern) => matchesGlob(binding.module, pattern));
}

/**
 * A stable name for the object an expression evaluates to, so two files can tell whether they
 * register on the same connection or with the same schema: `<file>#<name>` for module bindings,
 * where an import resolves to its declaration; undefined when syntax cannot tell.
 */
function objectIdentity(node: TSESTree.Node, resolver: RegistrationResolver, depth = 0): string | undefined {
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Identifier: {
      const target = resolver.resolve(value);
      if (!target || target.kind === 'opaque') return undefined;
      if (target.kind === 'import') return resolver.importIdentity(target.binding);
      if (target.kind === 'variable') {
        if (!target.module) return `local:${resolver.file}:${target.declarator.range[0]}`;
        // `export const User = models.User ?? model(...)` keeps its own name; an alias follows its value.
        const init = target.declarator.init ? unwrapExpression(target.declarator.init) : undefined;
        if (target.constant && init?.type === AST_NODE_TYPES.Identifier && depth < 4) return objectIdentity(init, resolver, depth + 1);
        return `${resolver.file}#${value.name}`;
      }
      const declared = target.node;
      return target.module ? `${resolver.file}#${value.name}` : `local:${resolver.file}:${declared.range[0]}`;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(value);
      if (name === undefined || depth > 4) return undefined;
      const base = objectIdentity(value.object, resolver, depth + 1);
      return base === undefined ? undefined : `${base}.${name}`;
    }
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ClassExpression:
      return `fresh:${resolver.file}:${value.range[0]}`;
    default:
      return undefined;
  }
}

/** The registry a `receiver.model(...)` lands in: the module's default connection, or the receiver's identity. */
function connectionIdentity(node: TSESTree.Node, resolver: RegistrationResolver): string {
  const value = unwrapExpression(node);
  // `mongoose.connection.model(...)` registers where `mongoose.model(...)` does.
  if (value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'connection') {
    const binding = exportOf(value.object, resolver) ?? importOfIdentifier(value.object, resolver);
    if (binding && resolver.catalog.findAcquisition(binding.module, binding.exportName, { new: false, module: true })) return 'default';
  }
  const binding = importOfIdentifier(value, resolver);
  if (binding && resolver.catalog.findAcquisition(binding.module, binding.exportName, { new: false, module: true })) return 'default';
  // Unknown receivers (`this.connection`) still key by their text, so two sites in one file compare.
  return objectIdentity(value, resolver) ?? `text:${resolver.file}:${textKey(value)}`;
}

function importOfIdentifier(node: TSESTree.Node, resolver: RegistrationResolver): ImportedBinding | undefined {
  const value = unwrapExpression(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const target = resolver.resolve(value);
  return target?.kind === 'import' ? target.binding : undefined;
}

function textKey(node: TSESTree.Node): string {
  const chain = flattenMemberChain(node);
  if (!chain) return `@${node.range[0]}`;
  const root =
    chain.root.type === AST_NODE_TYPES.ThisExpression ? 'this' : chain.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : `@${chain.root.range[0]}`;
  return [root, ...chain.members].join('.');
}

/** Whether the compared object (a schema, a class) is created inside the function that registers it. */
function isCreatedWithin(identityNode: TSESTree.Node, site: TSESTree.Node, resolver: RegistrationResolver): boolean {
  const fn = enclosingRepeatableFunction(site);
  if (!fn) return false;
  let value = unwrapExpression(identityNode);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const target = resolver.resolve(value);
    if (target?.kind !== 'variable' || target.module || !target.declarator.init) return false;
    if (!isWithin(target.declarator, fn)) return false;
    value = unwrapExpression(target.declarator.init);
  }
  return (
    (value.type === AST_NODE_TYPES.NewExpression ||
      value.type === AST_NODE_TYPES.CallExpression ||
      value.type === AST_NODE_TYPES.ObjectExpression ||
      value.type === AST_NODE_TYPES.ClassExpression) &&
    isWithin(value, fn)
  );
}

/**
 * Whether a function body runs at most once per module load: an IIFE, or a test, suite or
 * `beforeAll`/`afterAll` callback. Purely syntactic, so the linted file and the index agree.
 */
function runsOnce(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.CallExpression) return false;
  if (parent.callee === fn) return true;
  if (!parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrapExpression(parent.callee);
  if (callee.type === AST_NODE_TYPES.CallExpression) return false; // `test.each(rows)(name, fn)`
  const chain = flattenMemberChain(callee);
  if (chain?.root.type !== AST_NODE_TYPES.Identifier) return false;
  const names = [chain.root.name, ...chain.members];
  const runs = names.map(callbackRunsByName);
  return runs.includes('once') && !runs.includes('perTest') && !runs.includes('perRow');
}

/**
 * How often the code at `node` runs per module load, as far as the file shows: `never` inside a
 * module-level function nothing calls, `once` at module level (or in an IIFE, a test callback, a
 * function called once from module level), `repeatedly` in any other function.
 */
function executionOf(node: TSESTree.Node): { runs: 'never' | 'once' | 'repeatedly'; fn?: TSESTree.Node } {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current) && !runsOnce(current)) {
      const calls = callsInContainer(current);
      if (calls === 0) return { runs: 'never' };
      if (calls !== 1) return { runs: 'repeatedly', fn: current };
    }
    // An instance field initialiser runs once per `new`.
    if (current.type === AST_NODE_TYPES.PropertyDefinition && !current.static && current.value === child) return { runs: 'repeatedly', fn: current };
    child = current;
    current = current.parent;
  }
  return { runs: 'once' };
}

/**
 * Whether a file removes registrations itself (`deleteModel(...)`, `delete mongoose.models.X`,
 * `connection.models = {}`), typically between tests: registrations in different callbacks then
 * do not meet.
 */
export function managesRegistry(program: TSESTree.Program, text: string): boolean {
  if (!text.includes('deleteModel') && !/\.models\b/.test(text)) return false;
  let found = false;
  walk(program, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (nameOf(unwrapExpression(node.callee)) === 'deleteModel') found = true;
    } else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') {
      found = node.argument.type === AST_NODE_TYPES.MemberExpression && flattenMemberChain(node.argument)?.members.includes('models') === true;
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      found = memberName(node.left) === 'models';
    }
  });
  return found;
}

/** The innermost function around `node` that can run more than once, if any. */
function enclosingRepeatableFunction(node: TSESTree.Node): TSESTree.Node | undefined {
  const execution = executionOf(node);
  return execution.runs === 'repeatedly' ? execution.fn : undefined;
}

/**
 * How many times a named function that is not exported runs per run of the code around it: 0 when
 * nothing refers to it (type tests declare functions only for the compiler), 1 for a single call
 * in the same function body outside any loop, and undefined for anything else (exported, passed
 * on, called twice, from a loop or from another function), which may run any number of times.
 */
function callsInContainer(fn: FunctionNode): 0 | 1 | undefined {
  let name: string | undefined;
  let statement: TSESTree.Node | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    name = fn.id?.name;
    statement = fn;
  } else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
    name = fn.parent.id.name;
    statement = fn.parent.parent;
  }
  const container = statement?.parent;
  if (name === undefined || (container?.type !== AST_NODE_TYPES.Program && container?.type !== AST_NODE_TYPES.BlockStatement)) return undefined;
  let program: TSESTree.Node = container;
  while (program.parent) program = program.parent;
  if (program.type !== AST_NODE_TYPES.Program) return undefined;
  const references = (identifierIndex(program).get(name) ?? []).filter(
    (id) => id !== fn.id && id.parent !== fn.parent && id.range[0] >= container.range[0] && id.range[1] <= container.range[1],
  );
  if (references.length === 0) return 0;
  if (references.length > 1) return undefined;
  const call = references[0]!.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== references[0]) return undefined;
  for (let node: TSESTree.Node = call; node !== container; node = node.parent!) {
    if (
      isFunctionNode(node) ||
      node.type === AST_NODE_TYPES.ForStatement ||
      node.type === AST_NODE_TYPES.ForInStatement ||
      node.type === AST_NODE_TYPES.ForOfStatement ||
      node.type === AST_NODE_TYPES.WhileStatement ||
      node.type === AST_NODE_TYPES.DoWhileStatement ||
      !node.parent
    ) {
      return undefined;
    }
  }
  return 1;
}

const identifierIndexes = new WeakMap<TSESTree.Program, Map<string, TSESTree.Identifier[]>>();

/** Identifiers of a program that read a binding by name (not property names or object keys). */
function identifierIndex(program: TSESTree.Program): Map<string, TSESTree.Identifier[]> {
  let index = identifierIndexes.get(program);
  if (index) return index;
  index = new Map();
  const found = index;
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier) return;
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return;
    if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.MethodDefinition) && parent.key === node && !parent.computed) {
      if (!(parent.type === AST_NODE_TYPES.Property && parent.shorthand)) return;
    }
    const list = found.get(node.name) ?? [];
    list.push(node);
    found.set(node.name, list);
  });
  identifierIndexes.set(program, index);
  return index;
}

/**
 * Whether an existing registration is checked first or the error is handled:
 * `mongoose.models.User ?? model(...)`, `if (!models.User) ...`, an early return on
 * `models[name]`, `delete mongoose.models.User` or `deleteModel(...)` before it, a `try` around it,
 * or `{ overwriteModels: true }`.
 */
function isGuarded(node: TSESTree.Node, resolver: RegistrationResolver): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((arg) => hasOverwriteOption(arg))) return true;
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    switch (current.type) {
      case AST_NODE_TYPES.LogicalExpression:
        if (current.right === child && mentionsRegistry(current.left, resolver)) return true;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.IfStatement:
        if (current.test !== child && mentionsRegistry(current.test, resolver)) return true;
        break;
      case AST_NODE_TYPES.TryStatement:
        if ((current.block === child && current.handler) || current.handler === child) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock: {
        const index = (current.body as TSESTree.Node[]).indexOf(child);
        for (const statement of (current.body as TSESTree.Node[]).slice(0, Math.max(index, 0))) {
          if (guardsLaterStatements(statement, resolver)) return true;
        }
        break;
      }
      default:
        break;
    }
    if (isFunctionNode(current)) return false;
    child = current;
    current = current.parent;
  }
  return false;
}

function guardsLaterStatements(statement: TSESTree.Node, resolver: RegistrationResolver): boolean {
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    return mentionsRegistry(statement.test, resolver) && exitsEarly(statement.consequent);
  }
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = unwrapExpression(statement.expression);
    if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'delete') return mentionsRegistry(expression.argument, resolver);
    if (expression.type === AST_NODE_TYPES.CallExpression) return nameOf(unwrapExpression(expression.callee)) === 'deleteModel';
  }
  return false;
}

function exitsEarly(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exitsEarly(last);
  }
  return false;
}

const registryWords = new Set(['models', 'modelNames', 'modelSchemas', 'isDefined']);

/** Whether an expression reads the registry: `mongoose.models.X`, `models[name]`, `modelNames()`, or a `const` holding such a read. */
function mentionsRegistry(expression: TSESTree.Node, resolver: RegistrationResolver, depth = 0): boolean {
  let found = false;
  walk(
    expression,
    (node) => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.MemberExpression && registryWords.has(memberName(node) ?? '')) found = true;
      else if (node.type === AST_NODE_TYPES.Identifier && node.parent.type !== AST_NODE_TYPES.MemberExpression && registryWords.has(node.name)) {
        found = true;
      } else if (node.type === AST_NODE_TYPES.Identifier && depth === 0) {
        const target = resolver.resolve(node);
        if (target?.kind === 'variable' && target.declarator.init && mentionsRegistry(target.declarator.init, resolver, depth + 1)) found = true;
      }
    },
    { enterFunctions: false },
  );
  return found;
}

function hasOverwriteOption(argument: TSESTree.Node): boolean {
  const value = unwrapExpression(argument);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return value.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      propertyKeyName(property) === 'overwriteModels' &&
      property.value.type === AST_NODE_TYPES.Literal &&
      property.value.value === true,
  );
}

/** Two sites that can never both run: different branches of one `if`, `?:` or `switch`. */
export function areExclusive(a: TSESTree.Node, b: TSESTree.Node): boolean {
  const ancestorsOfA: TSESTree.Node[] = [];
  for (let node: TSESTree.Node | undefined = a; node; node = node.parent) ancestorsOfA.push(node);
  let child: TSESTree.Node = b;
  for (let node = b.parent; node; node = node.parent) {
    const index = ancestorsOfA.indexOf(node);
    if (index > 0) {
      const childOfA = ancestorsOfA[index - 1]!;
      if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
        const branches: (TSESTree.Node | null)[] = [node.consequent, node.alternate];
        return branches.includes(childOfA) && branches.includes(child) && childOfA !== child;
      }
      if (node.type === AST_NODE_TYPES.SwitchStatement) return childOfA !== child;
      return false;
    }
    child = node;
  }
  return false;
}

export function stringValue(node: TSESTree.Node): string | undefined {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** TypeORM's `snakeCase`: `UserProfile` → `user_profile`, `HTTPLog` → `http_log`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
