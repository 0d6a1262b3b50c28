import { z } from 'zod';
import { didYouMean } from '../suggest.js';

/** `model.layers[2].units` from zod's `['model', 'layers', 2, 'units']`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? '(top level)' : out;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The object schema found by following `path` through objects, arrays, optionals and unions. */
function objectKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let s: z.ZodType | undefined = schema;
  const unwrap = (t: z.ZodType | undefined): z.ZodType | undefined => {
    while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
    if (t instanceof z.ZodUnion) t = (t.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject);
    return t;
  };
  for (const p of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(p)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON would say null
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * One line per zod issue: the path to the bad field, what is allowed, and what was received, with a
 * "did you mean" for misspelt keys.
 *
 * @example
 * formatIssues(configSchema, input, error.issues);
 * // ['epochs: expected a number > 0, received -1', "epochz: unknown key (did you mean 'epochs'?) ..."]
 */
export function formatIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = objectKeysAt(schema, issue.path);
      return issue.keys.map(
        (key) =>
          `${formatPath([...issue.path, key])}: unknown key${didYouMean(key, allowed)}; allowed keys: ${allowed.join(', ')}`,
      );
    }
    const received = valueAt(input, issue.path);
    // zod's type errors end in ", received <type>"; the value itself is shown instead.
    const message = issue.message
      .replace(/^Invalid input: |^Invalid option: |^Too (small|big): /, '')
      .replace(/, received \w+$/, '');
    return [`${formatPath(issue.path)}: ${message}, received ${show(received)}`];
  });
}
