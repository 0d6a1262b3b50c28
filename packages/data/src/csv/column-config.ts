import { ValueError } from '@rectify/tensor';

/** How one column is read (tf.data's ColumnConfig). */
export interface ColumnConfig {
  /** An empty field is an error (default false). */
  required?: boolean;
  /** 'float32' (default) and 'int32' (rounded down) parse numbers; 'bool' reads 1/0/true/false; 'string' keeps the text. */
  dtype?: 'float32' | 'int32' | 'bool' | 'string';
  /** The value of an empty field. */
  default?: number | string | boolean;
  /** The column is a target: elements become `{ xs: {…features}, ys: {…labels} }`. A label may not be empty. */
  isLabel?: boolean;
}

/** An element's value for one field: a number, or the text when it is not one, or undefined when empty. */
export type CsvValue = number | string | boolean | undefined;

const known = new Set(['required', 'dtype', 'default', 'isLabel']);
const dtypes = new Set(['float32', 'int32', 'bool', 'string']);

/** Checks one column's config, naming the column and the bad entry. */
export function checkColumnConfig(column: string, config: unknown): ColumnConfig {
  if (typeof config !== 'object' || config === null) throw new ValueError(`csv: columnConfigs['${column}'] must be an object, received ${String(config)}`);
  for (const k of Object.keys(config)) {
    if (!known.has(k)) throw new ValueError(`csv: columnConfigs['${column}'] has an unknown entry '${k}'; allowed: ${[...known].join(', ')}`);
  }
  const dtype = (config as ColumnConfig).dtype;
  if (dtype !== undefined && !dtypes.has(dtype)) {
    throw new ValueError(`csv: columnConfigs['${column}'].dtype must be one of ${[...dtypes].join(', ')}, received ${String(dtype)}`);
  }
  return config as ColumnConfig;
}

function toBoolean(text: string): number {
  return text === '1' || text.toLowerCase() === 'true' ? 1 : 0;
}

/**
 * One field's value as tf.data reads it: empty → the default, an error when required, else undefined; a number
 * when the text is one (rounded down for int32); bool columns give 1 or 0; other text stays a string.
 */
export function fieldValue(text: string, column: string, config: ColumnConfig | undefined): CsvValue {
  if (text === '') {
    if (config?.default !== undefined) return config.default;
    if (config?.required || config?.isLabel) throw new ValueError(`required column '${column}' is empty`);
    return undefined;
  }
  if (config?.dtype === 'string') return text;
  const n = Number(text);
  if (Number.isNaN(n)) return config?.dtype === 'bool' ? toBoolean(text) : text;
  if (config?.dtype === 'int32') return Math.floor(n);
  if (config?.dtype === 'bool') return toBoolean(text);
  return n;
}
