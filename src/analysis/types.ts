import { ESLintUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { ResourceCatalog, ResourceSpec } from './catalog';
import type { ResourceRef } from './resources';

/** A parameter of the signature a call resolves to. */
export interface SignatureParameter {
  name: string;
  /** The type names of the parameter's declared type and its base types, with their packages. */
  typeNames: { name: string; module: string | undefined }[];
  /** The checker knows nothing useful about it (`any`, `unknown`). */
  untyped: boolean;
  rest: boolean;
}

/** The signature a call or `new` resolves to. */
export interface CallSignature {
  /** The file that declares the called function or constructor. */
  file: string;
  parameters: SignatureParameter[];
}

/** What the type checker can answer for a rule that runs with `typeAware: true`. */
export interface TypeServices {
  /** The catalog resource an expression's declared type belongs to. */
  resourceOfType(node: TSESTree.Node, catalog: ResourceCatalog): ResourceRef | undefined;
  /** Whether an expression's type has a callable `then` (a promise or thenable). */
  isThenable(node: TSESTree.Node): boolean;
  /** Whether the checker knows nothing useful about the expression (`any`, `unknown`, error types). */
  isUntyped(node: TSESTree.Node): boolean;
  /** The type names of a node's type and its base types, with the package that declares each. */
  typeNamesOf(node: TSESTree.Node): { name: string; module: string | undefined }[];
  /**
   * A catalog resource that a project class instance holds in one of its own properties
   * (`class UsageLogger { private db = new PrismaClient() }`), one level deep.
   */
  resourceHeldByType(node: TSESTree.Node, catalog: ResourceCatalog): { spec: ResourceSpec; typeName: string } | undefined;
  /** The declared signature a call or `new` resolves to; undefined when it has no declaration (an implicit constructor). */
  callSignature(node: TSESTree.CallExpression | TSESTree.NewExpression): CallSignature | undefined;
}

const servicesCache = new WeakMap<object, TypeServices>();

/**
 * Type services for a rule whose `typeAware` option is on. Throws typescript-eslint's own error,
 * which explains how to configure `parserOptions.projectService`, when no program is available.
 */
export function getTypeServices(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeServices {
  const services = ESLintUtils.getParserServices(context);
  let cached = servicesCache.get(services.program);
  if (!cached) {
    cached = createTypeServices(services.program.getTypeChecker(), services.esTreeNodeToTSNodeMap);
    servicesCache.set(services.program, cached);
  }
  return cached;
}

function createTypeServices(
  checker: ts.TypeChecker,
  nodeMap: ParserServicesWithTypeInformation['esTreeNodeToTSNodeMap'],
): TypeServices {
  const typeOf = (node: TSESTree.Node): ts.Type | undefined => {
    const tsNode = nodeMap.get(node);
    return tsNode ? checker.getTypeAtLocation(tsNode) : undefined;
  };

  const isThenableType = (type: ts.Type, tsNode: ts.Node): boolean => {
    if (type.isUnion()) return type.types.some((part) => isThenableType(part, tsNode));
    const then = type.getProperty('then');
    if (!then) return false;
    return checker.getTypeOfSymbolAtLocation(then, tsNode).getCallSignatures().length > 0;
  };

  const namesOf = (type: ts.Type): { name: string; module: string | undefined }[] => {
    const names: { name: string; module: string | undefined }[] = [];
    const seen = new Set<ts.Type>();
    const visit = (current: ts.Type, depth: number) => {
      if (seen.has(current) || depth > 4) return;
      seen.add(current);
      if (current.isUnion() || current.isIntersection()) {
        // `type DeepMockProxy<T> = T & {…}`: the alias names what the parts do not
        const alias = current.aliasSymbol;
        const declaration = alias?.declarations?.[0];
        if (alias && declaration) names.push({ name: alias.getName(), module: packageOfFile(declaration.getSourceFile().fileName) });
        for (const part of current.types) visit(part, depth + 1);
        return;
      }
      for (const symbol of [current.aliasSymbol, current.getSymbol()]) {
        const declaration = symbol?.declarations?.[0];
        if (symbol && declaration) names.push({ name: symbol.getName(), module: packageOfFile(declaration.getSourceFile().fileName) });
      }
      if (current.isClassOrInterface()) {
        for (const base of checker.getBaseTypes(current)) visit(base, depth + 1);
      }
    };
    visit(checker.getNonNullableType(type), 0);
    return names;
  };

  return {
    resourceOfType(node, catalog) {
      const type = typeOf(node);
      if (!type) return undefined;
      for (const { name, module } of namesOf(type)) {
        const spec = specForTypeName(catalog, name, module);
        if (spec) return { spec, via: 'type' };
      }
      return undefined;
    },
    isThenable(node) {
      const tsNode = nodeMap.get(node);
      if (!tsNode) return false;
      return isThenableType(checker.getTypeAtLocation(tsNode), tsNode);
    },
    isUntyped(node) {
      const type = typeOf(node);
      // 1 = Any, 2 = Unknown (ts.TypeFlags), read without importing typescript at run time.
      return !type || (type.flags & 3) !== 0;
    },
    typeNamesOf(node) {
      const type = typeOf(node);
      return type ? namesOf(type) : [];
    },
    resourceHeldByType(node, catalog) {
      const tsNode = nodeMap.get(node);
      if (!tsNode) return undefined;
      const type = checker.getNonNullableType(checker.getTypeAtLocation(tsNode));
      const symbol = type.getSymbol();
      const declaration = symbol?.declarations?.[0];
      // Only project classes: a library's internals are its own business.
      if (!symbol || !declaration || packageOfFile(declaration.getSourceFile().fileName) !== undefined) return undefined;
      for (const property of checker.getPropertiesOfType(type)) {
        const propertyType = checker.getTypeOfSymbolAtLocation(property, tsNode);
        for (const { name, module } of namesOf(propertyType)) {
          const spec = specForTypeName(catalog, name, module);
          if (spec) return { spec, typeName: symbol.getName() };
        }
      }
      return undefined;
    },
    callSignature(node) {
      const tsNode = nodeMap.get(node) as ts.CallLikeExpression | undefined;
      const signature = tsNode ? checker.getResolvedSignature(tsNode) : undefined;
      // undefined at run time for an implicit constructor, whatever the declared type says
      const declaration: ts.SignatureDeclaration | undefined = signature?.getDeclaration();
      if (!tsNode || !signature || !declaration) return undefined;
      return {
        file: declaration.getSourceFile().fileName,
        parameters: signature.getParameters().map((symbol) => {
          const type = checker.getTypeOfSymbolAtLocation(symbol, tsNode);
          const parameter = symbol.valueDeclaration as ts.ParameterDeclaration | undefined;
          return {
            name: symbol.getName(),
            typeNames: namesOf(type),
            // 1 = Any, 2 = Unknown (ts.TypeFlags)
            untyped: (type.flags & 3) !== 0,
            rest: parameter?.dotDotDotToken !== undefined,
          };
        }),
      };
    },
  };
}

function specForTypeName(catalog: ResourceCatalog, name: string, module: string | undefined): ResourceSpec | undefined {
  if (module !== undefined) {
    const [spec] = catalog.specsForType(name, module);
    if (spec) return spec;
  }
  // Generated clients (Prisma's custom `output`) live outside node_modules: only a distinctive
  // type name that is the resource's own name identifies them.
  return catalog.specs.find((spec) => spec.name === name && spec.typeNames?.includes(name));
}

/** `/x/node_modules/@types/pg/index.d.ts` → `pg`; `/x/node_modules/.prisma/client/index.d.ts` → `.prisma/client`. */
export function packageOfFile(fileName: string): string | undefined {
  const normalized = fileName.replaceAll('\\', '/');
  const index = normalized.lastIndexOf('/node_modules/');
  if (index === -1) return undefined;
  const parts = normalized.slice(index + '/node_modules/'.length).split('/');
  const [first, second] = parts;
  if (first === undefined) return undefined;
  // @types/node declares each built-in module in a file of its name: `@types/node/http.d.ts` → `node:http`.
  if (first === '@types' && second === 'node' && parts.length === 3 && parts[2]!.endsWith('.d.ts')) {
    return `node:${parts[2]!.slice(0, -'.d.ts'.length)}`;
  }
  if (first === '@types' && second) {
    return second.includes('__') ? `@${second.replace('__', '/')}` : second;
  }
  if ((first.startsWith('@') || first === '.prisma') && second) return `${first}/${second}`;
  return first;
}
