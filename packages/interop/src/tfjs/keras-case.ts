/**
 * Keras JSON is snake_case (keys and enum-like string values: 'same', 'fan_avg', 'hard_sigmoid'); tfjs converts
 * it to camelCase on load and back on save, leaving `name` values and the layer names inside node references
 * alone. These two functions apply the same rules, so a file reads the same here as in tfjs.
 */

/** `batch_input_shape` → `batchInputShape`. @example toCamelCase('fan_avg'); // 'fanAvg' */
export function toCamelCase(s: string): string {
  return s.length <= 1 || !s.includes('_') ? s : s.replace(/_+(\w|$)/g, (_m, c: string) => c.toUpperCase());
}

/** `batchInputShape` → `batch_input_shape`. @example toSnakeCase('LeakyReLU'); // 'leaky_re_lu' */
export function toSnakeCase(s: string): string {
  return s
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// The first element of each entry under these keys is a layer name and must not be case-converted.
const NAME_LISTS = new Set([
  'inboundNodes',
  'inputLayers',
  'outputLayers',
  'inbound_nodes',
  'input_layers',
  'output_layers',
]);

function convert(
  v: unknown,
  key: string | undefined,
  caseOf: (s: string) => string,
  keyOf: (s: string) => string,
): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return caseOf(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) {
    return v.map((item, i) =>
      i === 0 && typeof item === 'string' && key !== undefined && NAME_LISTS.has(key)
        ? item
        : convert(item, key, caseOf, keyOf),
    );
  }
  const out: { [k: string]: Json } = {};
  for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
    const keep = (k === 'name' || k === 'className' || k === 'class_name') && typeof item === 'string';
    out[keyOf(k)] = keep ? item : convert(item, k, caseOf, keyOf);
  }
  return out;
}

/** Keras JSON → tfjs's camelCase form. @example fromPythonic({ class_name: 'Dense', config: { use_bias: true } }); */
export function fromPythonic(v: unknown): Json {
  return convert(v, undefined, toCamelCase, toCamelCase);
}

/** tfjs's camelCase form → Keras JSON. @example toPythonic({ className: 'Dense', config: { useBias: true } }); */
export function toPythonic(v: unknown): Json {
  return convert(v, undefined, toSnakeCase, toSnakeCase);
}
