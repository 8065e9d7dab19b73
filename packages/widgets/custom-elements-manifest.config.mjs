import path from 'node:path';

/**
 * Builds custom-elements.json from the components' doc comments (`npm run
 * manifest`). Editors, Storybook and wrapper generators read it to learn each
 * tag's attributes, properties, events, slots, parts and custom properties.
 *
 * The analyzer's Lit mode reads `static properties`; the plugin below adds
 * what it cannot know about this package:
 * - tags are registered by `Class.define('crm-…')` in each component's entry
 *   point, not by `customElements.define`;
 * - `state: true` properties are internal, neither attributes nor public
 *   properties, and `#private` members are not part of any contract;
 * - a property with a getter and no setter is read-only;
 * - a class imported from another module is named by that module's path, as
 *   every other path in the manifest is;
 * - modules come out sorted by path, so the file only changes when the
 *   components do.
 */
export default {
  globs: ['src/components/*/*.ts'],
  exclude: ['src/components/*/*.styles.ts', 'src/components/*/*.test.ts'],
  litelement: true,
  // package.json names the manifest itself; the analyzer would rewrite the file.
  packagejson: false,
  plugins: [clientelaElements()],
};

function clientelaElements() {
  /** Per module path: imported name → module path it comes from. */
  const imports = new Map();
  /** Per `module path#class name`: what the class's source says beyond the analyzer. */
  const classes = new Map();
  const classFacts = (moduleDoc, name) => {
    const key = `${moduleDoc.path}#${name}`;
    if (!classes.has(key)) classes.set(key, { internalState: new Set(), getters: new Set(), setters: new Set() });
    return classes.get(key);
  };

  return {
    name: 'clientela-elements',
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('.')) {
        const from = path.posix.join(path.posix.dirname(moduleDoc.path), node.moduleSpecifier.text);
        const named = node.importClause?.namedBindings;
        if (!imports.has(moduleDoc.path)) imports.set(moduleDoc.path, new Map());
        if (named && ts.isNamedImports(named)) for (const element of named.elements) imports.get(moduleDoc.path).set(element.name.text, from);
      }

      // CrmGreeting.define('crm-greeting')
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'define' &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text !== 'customElements' &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const className = node.expression.expression.text;
        moduleDoc.exports.push({
          kind: 'custom-element-definition',
          name: node.arguments[0].text,
          declaration: { name: className, module: imports.get(moduleDoc.path)?.get(className) ?? moduleDoc.path },
        });
      }

      if (ts.isClassDeclaration(node) && node.name) {
        const facts = classFacts(moduleDoc, node.name.text);
        for (const member of node.members) {
          const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
          if (ts.isGetAccessorDeclaration(member) && name) facts.getters.add(name);
          if (ts.isSetAccessorDeclaration(member) && name) facts.setters.add(name);
          const isStatic = member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
          if (isStatic && name === 'properties' && ts.isPropertyDeclaration(member) && member.initializer && ts.isObjectLiteralExpression(member.initializer)) {
            for (const property of member.initializer.properties) {
              if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
              const internal = property.initializer.properties.some(
                (option) => ts.isPropertyAssignment(option) && option.name.getText() === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword,
              );
              if (internal) facts.internalState.add(property.name.getText());
            }
          }
        }
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      // `export { CrmGreeting }` in an entry point re-exports the class from its component module.
      for (const exported of moduleDoc.exports ?? []) {
        const from = imports.get(moduleDoc.path)?.get(exported.declaration?.name);
        if (exported.kind === 'js' && from) exported.declaration.module = from;
      }
      for (const declaration of moduleDoc.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        const facts = classFacts(moduleDoc, declaration.name);
        const superclassFrom = imports.get(moduleDoc.path)?.get(declaration.superclass?.name);
        if (superclassFrom) declaration.superclass.module = superclassFrom;
        declaration.members = declaration.members?.filter((member) => member.privacy !== 'private' && !facts.internalState.has(member.name));
        declaration.attributes = declaration.attributes?.filter((attribute) => !facts.internalState.has(attribute.fieldName));
        for (const member of declaration.members ?? []) {
          if (member.kind === 'field' && facts.getters.has(member.name) && !facts.setters.has(member.name)) member.readonly = true;
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}
