/**
 * How the CPX rules recognise a decorator: by what it was imported as, and from where. A
 * renamed import (`import { MessagePattern as On }`) or a namespace (`ms.EventPattern`) is
 * still recognised, and a look-alike defined elsewhere is not mistaken for the real one.
 */
import type { TSESTree } from '@typescript-eslint/utils';

export interface Imported {
  /** The module specifier; '' for a name that was not imported (declared in the file). */
  source: string;
  /** The exported name; '*' for a namespace import, 'default' for a default import. */
  name: string;
}

export type Imports = Map<string, Imported>;

/** Local name -> what it was imported as, for every import of the file. */
export function collectImports(program: TSESTree.Program): Imports {
  const imports: Imports = new Map();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      const name =
        specifier.type === 'ImportNamespaceSpecifier'
          ? '*'
          : specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : specifier.imported.value;
      imports.set(specifier.local.name, { source: statement.source.value, name });
    }
  }
  return imports;
}

/** What `Foo`, `Foo(...)`, `ns.Foo` or `ns.Foo(...)` refers to. */
export function resolveReference(expression: TSESTree.Expression, imports: Imports): Imported | undefined {
  const target = expression.type === 'CallExpression' ? expression.callee : expression;
  if (target.type === 'Identifier') return imports.get(target.name) ?? { source: '', name: target.name };
  if (target.type === 'MemberExpression' && target.object.type === 'Identifier' && target.property.type === 'Identifier') {
    const namespace = imports.get(target.object.name);
    if (namespace?.name === '*') return { source: namespace.source, name: target.property.name };
  }
  return undefined;
}

/** Whether a decorator is `name` (one of `names`) exported by `source`. */
export function isDecorator(decorator: TSESTree.Decorator, imports: Imports, source: string, names: ReadonlySet<string>): boolean {
  const target = resolveReference(decorator.expression, imports);
  return target !== undefined && target.source === source && names.has(target.name);
}
