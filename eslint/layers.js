// The project's layer rule: which folder may import which, and which packages. Resolving
// relative paths (rather than matching import strings) means `../core/x` from electron/main and
// `../../electron/core/x` from src/ are judged alike.
import { builtinModules } from 'node:module';
import path from 'node:path';

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

// UI packages no non-renderer layer may use.
const uiPackages = /^(react|react-dom|react-i18next|i18next|@mui\/|@emotion\/|ag-grid-)/;

/**
 * Each layer: the folders it may import from, and which packages it may use: an allow-list
 * (`allowedPackages`, everything else refused) or a deny-list (`deniedPackages`).
 * `nodeBuiltins: false` forbids Node's own modules. First matching prefix wins.
 * @type {{ name: string, folders: string[], allowedPackages?: RegExp[], deniedPackages?: RegExp[], nodeBuiltins?: boolean }[]}
 */
export const layers = [
  {
    name: 'electron/shared',
    folders: ['electron/shared'],
    allowedPackages: [/^zod(\/|$)/],
    nodeBuiltins: false,
  },
  {
    name: 'electron/core',
    folders: ['electron/shared', 'electron/core'],
    deniedPackages: [/^electron(\/|$)/, /^electron-updater$/, uiPackages],
  },
  {
    name: 'electron/preload',
    folders: ['electron/shared', 'electron/preload'],
    allowedPackages: [/^electron$/],
    nodeBuiltins: false,
  },
  {
    name: 'electron/host',
    folders: ['electron/shared', 'electron/core', 'electron/host'],
    deniedPackages: [/^electron(\/|$)/, /^electron-updater$/, uiPackages],
  },
  {
    name: 'electron/main',
    folders: ['electron/shared', 'electron/core', 'electron/main'],
    deniedPackages: [uiPackages],
  },
  {
    name: 'src',
    folders: ['src', 'electron/shared'],
    deniedPackages: [/^electron(\/|$)/, /^electron-updater$/, /^better-sqlite3$/, /^kysely/, /^fastify/, /^@fastify\//, /^pg$/, /^ws$/, /^@electric-sql\//],
    nodeBuiltins: false,
  },
  {
    name: 'server',
    folders: ['server', 'electron/shared'],
    deniedPackages: [/^electron(\/|$)/, /^electron-updater$/, /^better-sqlite3$/, uiPackages],
  },
];

/** True when `layer` may use the package `specifier`. */
function packageAllowed(layer, specifier) {
  if (layer.allowedPackages) return layer.allowedPackages.some((pattern) => pattern.test(specifier));
  return !(layer.deniedPackages ?? []).some((pattern) => pattern.test(specifier));
}

function layerOf(relativeFile) {
  const file = relativeFile.split(path.sep).join('/');
  return layers.find((layer) => file === layer.name || file.startsWith(`${layer.name}/`));
}

function topFolderOf(relativeFile) {
  const file = relativeFile.split(path.sep).join('/');
  const known = ['electron/shared', 'electron/core', 'electron/preload', 'electron/host', 'electron/main'];
  return known.find((folder) => file.startsWith(`${folder}/`)) ?? file.split('/')[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each layer to the imports it is allowed (see eslint/layers.js).' },
    messages: {
      folder: '{{layer}} may not import from {{target}} (allowed: {{allowed}}).',
      pkg: '{{layer}} may not import the package "{{name}}".',
      builtin: '{{layer}} may not import the Node built-in "{{name}}".',
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const relativeFile = path.relative(root, context.filename);
    const layer = layerOf(relativeFile);
    if (!layer) return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(context.filename), specifier));
        const folder = topFolderOf(target);
        if (!layer.folders.includes(folder)) {
          context.report({ node, messageId: 'folder', data: { layer: layer.name, target: folder, allowed: layer.folders.join(', ') } });
        }
        return;
      }
      if (nodeBuiltins.has(specifier)) {
        if (layer.nodeBuiltins === false) context.report({ node, messageId: 'builtin', data: { layer: layer.name, name: specifier } });
        return;
      }
      if (!packageAllowed(layer, specifier)) {
        context.report({ node, messageId: 'pkg', data: { layer: layer.name, name: specifier } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

/** The local ESLint plugin that holds the layer rule. */
export const layersPlugin = { rules: { imports: importsRule } };
