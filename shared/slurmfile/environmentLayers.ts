import { environmentSections } from './slurmfileSchema';

/** A parsed TOML table. */
export type Table = { [key: string]: unknown };

/** One layer of an environment and where it sits in the file (its key path). */
export type Layer = { path: string[]; table: Table };

export const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const reservedRootKeys = new Set<string>(['environments', ...environmentSections]);

/**
 * The environments a document defines: `[environments.NAME]` tables and root-level tables that
 * are not sections (`[gpu.cluster]`). `default` is listed when any default layer exists.
 */
export function environmentNames(document: Table): string[] {
  const names = new Set<string>();
  const nested = document.environments;
  if (isTable(nested)) for (const [name, value] of Object.entries(nested)) if (isTable(value)) names.add(name);
  for (const [name, value] of Object.entries(document)) if (!reservedRootKeys.has(name) && isTable(value)) names.add(name);
  if (environmentSections.some((section) => section in document)) names.add('default');
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}

/**
 * The layers of environment `name`, lowest priority first: root-level sections, the root
 * `default` table, `environments.default`, then the environment itself (root table, then
 * `environments.NAME`). Null when the document has no such environment.
 */
export function environmentLayers(document: Table, name: string): Layer[] | null {
  const layers: Layer[] = [];
  const root: Table = {};
  for (const section of environmentSections) if (section in document) root[section] = document[section];
  if (Object.keys(root).length > 0) layers.push({ path: [], table: root });
  const named = (envName: string) => {
    const found: Layer[] = [];
    if (!reservedRootKeys.has(envName) && isTable(document[envName])) found.push({ path: [envName], table: document[envName] });
    const nested = document.environments;
    if (isTable(nested) && isTable(nested[envName])) found.push({ path: ['environments', envName], table: nested[envName] });
    return found;
  };
  const defaults = named('default');
  layers.push(...defaults);
  if (name === 'default') return layers.length > 0 || environmentNames(document).length === 0 ? layers : null;
  const own = named(name);
  if (own.length === 0) return null;
  return [...layers, ...own];
}

/** Tables merge key by key, recursively; anything else (values, arrays) is replaced by the later layer. */
export function deepMerge(base: Table, over: Table): Table {
  const merged: Table = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = merged[key];
    merged[key] = isTable(previous) && isTable(value) ? deepMerge(previous, value) : value;
  }
  return merged;
}

export function mergeLayers(layers: readonly Layer[]): Table {
  return layers.reduce<Table>((merged, layer) => deepMerge(merged, layer.table), {});
}

/**
 * Where a key of the merged environment came from: the highest layer that holds the longest
 * prefix of `path`. Returns the key path in the file, as far as it exists there.
 */
export function sourcePath(layers: readonly Layer[], path: readonly (string | number)[]): (string | number)[] {
  let best: { layer: Layer; depth: number } | null = null;
  for (const layer of layers) {
    let node: unknown = layer.table;
    let depth = 0;
    for (const segment of path) {
      if (Array.isArray(node) && typeof segment === 'number' && segment < node.length) node = node[segment];
      else if (isTable(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = node[segment];
      else break;
      depth += 1;
    }
    if (depth > 0 && (!best || depth >= best.depth)) best = { layer, depth };
  }
  if (!best) return [...(layers.at(-1)?.path ?? [])];
  return [...best.layer.path, ...path.slice(0, best.depth)];
}
