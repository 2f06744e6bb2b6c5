import path from 'node:path';

import { type TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';

import { calleeNameOf, importBehind, isFunctionNode, memberName, propertyKeyName, unwrapExpression } from './ast';
import type { ResourceCatalog } from './catalog';
import type { ModuleResources } from './file-facts';
import type { ModuleScope } from './module-scope';
import type { ImportedBinding } from './resources';
import { matchesGlob } from '../util/glob';
import { AST_NODE_TYPES } from '../util/node-types';
import { escapeRegExp } from '../util/regexp';

/** An ORM option that lists entity classes (or migrations, subscribers, models) and file globs. */
export interface EntitySourceList {
  orm: string;
  option: string;
  /** Lists that load into one registry together: sequelize-typescript's `models` and later `addModels([...])`. */
  group: string;
  elements: EntitySourceElement[];
}

export type EntitySourceElement =
  | { kind: 'class'; node: TSESTree.Identifier; name: string; identity: string; binding?: ImportedBinding }
  | { kind: 'glob'; node: TSESTree.Node; pattern: string };

/** How an ORM is configured, as data: the call or constructor that takes the options and the list options it reads. */
interface ConfigurationForm {
  orm: string;
  /** A catalog resource whose acquisition takes the options: `new DataSource({...})`, `MikroORM.init({...})`. */
  resource?: string;
  /** Or an export called with the options: `defineConfig({...})`, `TypeOrmModule.forRoot({...})`. */
  packages?: string[];
  export?: string;
  methods?: string[];
  /** Type names that mark an options object: `const options: DataSourceOptions = {...}`. */
  typeNames?: RegExp;
  lists: string[];
}

const configurationForms: ConfigurationForm[] = [
  { orm: 'TypeORM', resource: 'typeorm.DataSource', lists: ['entities', 'subscribers', 'migrations'] },
  { orm: 'TypeORM', packages: ['@nestjs/typeorm'], export: 'TypeOrmModule', methods: ['forRoot', 'forRootAsync'], lists: ['entities', 'subscribers', 'migrations'] },
  { orm: 'TypeORM', packages: ['typeorm', '@nestjs/typeorm', 'typeorm/*'], typeNames: /^(\w*ConnectionOptions|\w*DataSourceOptions|TypeOrmModuleOptions)$/, lists: ['entities', 'subscribers', 'migrations'] },
  { orm: 'MikroORM', resource: 'MikroORM', lists: ['entities', 'entitiesTs'] },
  { orm: 'MikroORM', packages: ['@mikro-orm/*'], export: 'defineConfig', lists: ['entities', 'entitiesTs'] },
  { orm: 'MikroORM', packages: ['@mikro-orm/nestjs'], export: 'MikroOrmModule', methods: ['forRoot', 'forRootAsync'], lists: ['entities', 'entitiesTs'] },
  { orm: 'MikroORM', packages: ['@mikro-orm/*'], typeNames: /^(Options|MikroOrmModuleOptions|MikroORMOptions)$/, lists: ['entities', 'entitiesTs'] },
  { orm: 'sequelize-typescript', resource: 'Sequelize', packages: ['sequelize-typescript'], lists: ['models'] },
];

export interface ConfigContext {
  file: string;
  catalog: ResourceCatalog;
  /** Where relative globs resolve: the directory the ORM runs from (the project root). */
  workingDirectory: string;
  scope: ModuleScope;
  resources: ModuleResources;
  importIdentity(binding: ImportedBinding): string;
}

/** Nodes that may start an ORM configuration; a rule collects them while ESLint walks the file. */
export type ConfigurationCandidate =
  | TSESTree.CallExpression
  | TSESTree.NewExpression
  | TSESTree.VariableDeclarator
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSAsExpression;

/** Whether a node can be a configuration call, by its callee's name alone; cheap enough for every node. */
export function isConfigurationCandidate(node: ConfigurationCandidate, catalog: ResourceCatalog): boolean {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) return node.id.type === AST_NODE_TYPES.Identifier && node.id.typeAnnotation !== undefined && node.init !== null;
  if (node.type === AST_NODE_TYPES.TSSatisfiesExpression || node.type === AST_NODE_TYPES.TSAsExpression) return node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference;
  const name = calleeNameOf(node);
  return name !== undefined && (name === 'addModels' || configurationCalleeNames(catalog).has(name));
}

/** Whether a file's text names anything an ORM configuration is written with; without it the file has no entity-source lists. */
export function mayContainConfiguration(text: string, catalog: ResourceCatalog): boolean {
  return configurationTextFilter(catalog).test(text);
}

/** Every entity-source list in a file's ORM configurations, from the candidate nodes in source order. */
export function findEntitySourceLists(candidates: readonly ConfigurationCandidate[], context: ConfigContext): EntitySourceList[] {
  const lists: EntitySourceList[] = [];
  if (candidates.length === 0 || !mayContainConfiguration(context.scope.text, context.catalog)) return lists;
  const seenObjects = new Set<TSESTree.ObjectExpression>();
  const addOptions = (form: ConfigurationForm, options: TSESTree.Node | undefined, group: string) => {
    const object = options && optionsObject(options, context);
    if (!object || seenObjects.has(object)) return;
    seenObjects.add(object);
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const option = propertyKeyName(property);
      if (option === undefined || !form.lists.includes(option)) continue;
      const elements = listElements(property.value, context, 0);
      if (elements) lists.push({ orm: form.orm, option, group: `${group}:${option}`, elements });
    }
  };
  const calleeNames = configurationCalleeNames(context.catalog);
  for (const node of candidates) {
    if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrapExpression(node.callee);
      const calleeName = calleeNameOf(node);
      if (calleeName === undefined) continue;
      for (const form of calleeNames.has(calleeName) ? configurationForms : []) {
        if (!matchesCall(node, form, context)) continue;
        const group = form.orm === 'sequelize-typescript' ? sequelizeGroup(node, context) : `${node.range[0]}`;
        addOptions(form, node.arguments[0], group);
        break;
      }
      // `sequelize.addModels([A, B])` on an instance created with `new Sequelize({ models })`.
      if (node.type === AST_NODE_TYPES.CallExpression && calleeName === 'addModels' && callee.type === AST_NODE_TYPES.MemberExpression && node.arguments[0]) {
        if (context.resources.resourceOf(callee.object)?.name === 'Sequelize') {
          const elements = listElements(node.arguments[0], context, 0);
          if (elements) lists.push({ orm: 'sequelize-typescript', option: 'addModels', group: `${receiverGroup(callee.object, context)}:models`, elements });
        }
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator) {
      const annotation = node.id.type === AST_NODE_TYPES.Identifier ? node.id.typeAnnotation?.typeAnnotation : undefined;
      const form = annotation && formOfType(annotation, context);
      if (form && node.init) addOptions(form, node.init, `${node.range[0]}`);
    } else {
      const form = formOfType(node.typeAnnotation, context);
      if (form) addOptions(form, node.expression, `${node.range[0]}`);
    }
  }
  return lists;
}

const calleeNameCache = new WeakMap<ResourceCatalog, Set<string>>();

/** The names a configuration call can be written with: a cheap filter before resolving anything. */
function configurationCalleeNames(catalog: ResourceCatalog): Set<string> {
  let names = calleeNameCache.get(catalog);
  if (names) return names;
  names = new Set<string>();
  for (const form of configurationForms) {
    if (form.export !== undefined && !form.methods) names.add(form.export);
    for (const method of form.methods ?? []) names.add(method);
    for (const acquire of (form.resource !== undefined ? catalog.get(form.resource)?.acquire : undefined) ?? []) {
      names.add(acquire.call ?? acquire.export);
    }
  }
  calleeNameCache.set(catalog, names);
  return names;
}

const textFilters = new WeakMap<ResourceCatalog, RegExp>();

/** A configuration names its constructor or function, or imports the ORM's package for an options type. */
function configurationTextFilter(catalog: ResourceCatalog): RegExp {
  let filter = textFilters.get(catalog);
  if (!filter) {
    const words = new Set<string>(['addModels']);
    for (const form of configurationForms) {
      if (form.export !== undefined) words.add(form.export);
      for (const acquire of (form.resource !== undefined ? catalog.get(form.resource)?.acquire : undefined) ?? []) words.add(acquire.export);
    }
    // An options object marked only by its type names the type.
    // Unanchored, a leading `\w*` finds nothing more and makes every position of the text a start to backtrack from.
    const typeNames = configurationForms.flatMap((form) =>
      form.typeNames ? [form.typeNames.source.replace(/^\^|\$$/g, '').replace(/(^|\(|\|)\\w\*/g, '$1')] : [],
    );
    filter = new RegExp([...[...words].map(escapeRegExp), ...typeNames].join('|'));
    textFilters.set(catalog, filter);
  }
  return filter;
}

function matchesCall(node: TSESTree.NewExpression | TSESTree.CallExpression, form: ConfigurationForm, context: ConfigContext): boolean {
  if (form.resource !== undefined) {
    if (context.resources.acquisitionOf(node)?.name !== form.resource) return false;
    if (!form.packages) return true;
    const binding = bindingOfCallee(node.callee, context);
    return binding !== undefined && form.packages.some((pattern) => matchesGlob(binding.module, pattern));
  }
  const callee = unwrapExpression(node.callee);
  // `TypeOrmModule.forRoot(...)` names the export on the receiver; `defineConfig(...)` is the export.
  let exported = callee;
  if (form.methods) {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !form.methods.includes(memberName(callee) ?? '')) return false;
    exported = callee.object;
  }
  const binding = bindingOfCallee(exported, context);
  return binding !== undefined && binding.exportName === form.export && form.packages?.some((pattern) => matchesGlob(binding.module, pattern)) === true;
}

function bindingOfCallee(callee: TSESTree.Node, context: ConfigContext): ImportedBinding | undefined {
  return importBehind(callee, (identifier) => context.scope.importOf(identifier));
}

function formOfType(annotation: TSESTree.TypeNode, context: ConfigContext): ConfigurationForm | undefined {
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const typeName = annotation.typeName;
  const identifier = typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right : typeName.type === AST_NODE_TYPES.Identifier ? typeName : undefined;
  const root = typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.left : typeName;
  if (!identifier || root.type !== AST_NODE_TYPES.Identifier) return undefined;
  // Type imports are erased, so read the import declaration directly.
  const module = typeImportModule(root, context);
  if (module === undefined) return undefined;
  return configurationForms.find(
    (form) => form.typeNames?.test(identifier.name) && form.packages?.some((pattern) => matchesGlob(module, pattern)),
  );
}

function typeImportModule(identifier: TSESTree.Identifier, context: ConfigContext): string | undefined {
  for (const statement of context.scope.program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    if (statement.specifiers.some((specifier) => specifier.local.name === identifier.name)) return statement.source.value;
  }
  return undefined;
}

/** The options object: written inline, held by a `const`, or returned by NestJS's `useFactory`. */
function optionsObject(node: TSESTree.Node, context: ConfigContext, depth = 0): TSESTree.ObjectExpression | undefined {
  if (depth > 4) return undefined;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = context.scope.constInitializerOf(value);
    return init ? optionsObject(init, context, depth + 1) : undefined;
  }
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const factory = value.properties.find(
    (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'useFactory',
  );
  if (factory) {
    const fn = unwrapExpression(factory.value);
    if (!isFunctionNode(fn)) return undefined;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return optionsObject(fn.body, context, depth + 1);
    const returned = fn.body.body.filter((statement): statement is TSESTree.ReturnStatement => statement.type === AST_NODE_TYPES.ReturnStatement);
    return returned.length === 1 && returned[0]!.argument ? optionsObject(returned[0]!.argument, context, depth + 1) : undefined;
  }
  return value;
}

/** sequelize-typescript: the instance a `new Sequelize(...)` is stored in, so its `addModels` calls join the group. */
function sequelizeGroup(node: TSESTree.Node, context: ConfigContext): string {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return `${context.file}#${parent.id.name}`;
  return `${node.range[0]}`;
}

function receiverGroup(receiver: TSESTree.Node, context: ConfigContext): string {
  const value = unwrapExpression(receiver);
  return value.type === AST_NODE_TYPES.Identifier ? `${context.file}#${value.name}` : `${value.range[0]}`;
}

/** The elements of a list option; undefined when the list is not an array syntax can read. */
function listElements(node: TSESTree.Node, context: ConfigContext, depth: number): EntitySourceElement[] | undefined {
  if (depth > 4) return undefined;
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = context.scope.constInitializerOf(value);
    return init ? listElements(init, context, depth + 1) : undefined;
  }
  if (value.type !== AST_NODE_TYPES.ArrayExpression) {
    // `entities: 'dist/**/*.entity.js'` (a single glob)
    const pattern = pathValue(value, context);
    return pattern === undefined ? undefined : [{ kind: 'glob', node: value, pattern }];
  }
  const elements: EntitySourceElement[] = [];
  for (const element of value.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) {
      elements.push(...(listElements(element.argument, context, depth + 1) ?? []));
      continue;
    }
    const item = unwrapExpression(element);
    if (item.type === AST_NODE_TYPES.Identifier) {
      const classElement = classReference(item, context);
      if (classElement) elements.push(classElement);
      continue;
    }
    const pattern = pathValue(item, context);
    if (pattern !== undefined) elements.push({ kind: 'glob', node: item, pattern });
  }
  return elements;
}

function classReference(identifier: TSESTree.Identifier, context: ConfigContext): EntitySourceElement | undefined {
  const target = context.scope.resolve(identifier);
  if (target?.kind === 'import') {
    if (target.binding.exportName === '*') return undefined;
    return { kind: 'class', node: identifier, name: identifier.name, identity: context.importIdentity(target.binding), binding: target.binding };
  }
  if (target?.kind === 'class' && target.module) return { kind: 'class', node: identifier, name: identifier.name, identity: `${context.file}#${identifier.name}` };
  if (target?.kind === 'variable' && target.module && target.constant && target.declarator.init) {
    const init = unwrapExpression(target.declarator.init);
    // `const UserSchema = new EntitySchema({...})`
    if (init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.ClassExpression) {
      return { kind: 'class', node: identifier, name: identifier.name, identity: `${context.file}#${identifier.name}` };
    }
  }
  return undefined;
}

/**
 * A path or glob written with literals, `__dirname`, `process.cwd()`, `+`, template literals and
 * `path.join`/`path.resolve`; absolute, with forward slashes. Undefined when any part is unknown.
 */
export function pathValue(node: TSESTree.Node, context: ConfigContext): string | undefined {
  const raw = rawPath(node, context, 0);
  if (raw === undefined) return undefined;
  const absolute = path.isAbsolute(raw) ? raw : path.join(context.workingDirectory, raw);
  return normalizeGlob(absolute);
}

function normalizeGlob(pattern: string): string {
  const posix = pattern.split(path.sep).join('/');
  // Resolve `.` and `..` segments without touching glob characters.
  const out: string[] = [];
  for (const segment of posix.split('/')) {
    if (segment === '.') continue;
    if (segment === '..' && out.length > 1 && out.at(-1) !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/') || '/';
}

function rawPath(node: TSESTree.Node, context: ConfigContext, depth: number): string | undefined {
  if (depth > 8) return undefined;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'string' ? value.value : undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = '';
      for (let i = 0; i < value.quasis.length; i++) {
        text += value.quasis[i]!.value.cooked ?? '';
        const expression = value.expressions[i];
        if (expression) {
          const part = rawPath(expression, context, depth + 1);
          if (part === undefined) return undefined;
          text += part;
        }
      }
      return text;
    }
    case AST_NODE_TYPES.Identifier: {
      if (value.name === '__dirname' && !context.scope.resolve(value)) return path.dirname(context.file);
      const init = context.scope.constInitializerOf(value);
      return init ? rawPath(init, context, depth + 1) : undefined;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (value.operator !== '+') return undefined;
      const left = rawPath(value.left, context, depth + 1);
      const right = left === undefined ? undefined : rawPath(value.right, context, depth + 1);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(value.callee);
      const binding = bindingOfCallee(callee, context);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'cwd' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'process') {
        return context.workingDirectory;
      }
      if (!binding || !['path', 'node:path'].includes(binding.module) || !['join', 'resolve', 'normalize'].includes(binding.exportName)) return undefined;
      const parts: string[] = [];
      for (const argument of value.arguments) {
        const part = rawPath(argument, context, depth + 1);
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return binding.exportName === 'resolve' ? path.resolve(context.workingDirectory, ...parts) : path.join(...parts);
    }
    default:
      return undefined;
  }
}

const globMatchers = new Map<string, (file: string) => boolean>();

/** Whether a file matches an entity glob; a pattern without glob characters names a file or a folder of files. */
export function globMatches(pattern: string, file: string): boolean {
  let matcher = globMatchers.get(pattern);
  if (!matcher) {
    const isGlob = picomatch.scan(pattern).isGlob;
    const patterns = isGlob ? [pattern] : [pattern, `${pattern.replace(/\/$/, '')}/*`];
    matcher = picomatch(patterns, { dot: true });
    if (globMatchers.size > 1000) globMatchers.clear();
    globMatchers.set(pattern, matcher);
  }
  return matcher(file.split(path.sep).join('/'));
}
