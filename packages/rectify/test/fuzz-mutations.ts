import fc from 'fast-check';

/** One edit to a model's files: a structural change to a JSON document, or a change to a file's bytes. */
export type Mutation =
  | { kind: 'json'; under: string; path: number[]; op: 'replace' | 'delete' | 'duplicate'; value: unknown }
  | { kind: 'bytes'; file: number; op: 'flip' | 'truncate' | 'extend' | 'zero'; at: number; value: number };

/** Values a hostile or careless edit would put into model.json: wrong types, huge and negative numbers, deep nesting. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    -1,
    0,
    1e9,
    2 ** 53,
    1.5,
    '',
    '../x',
    '/dev/zero',
    '__proto__',
    'constructor',
    [],
    {},
    [null],
    [20000, 20000],
    [-1],
  ),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      under: fc.constantFrom(
        '',
        'modelTopology',
        'modelTopology',
        'modelTopology',
        'weightsManifest',
        'trainingConfig',
      ),
      path: fc.array(fc.nat(), { minLength: 2, maxLength: 10 }),
      op: fc.constantFrom('replace' as const, 'delete' as const, 'duplicate' as const),
      value: hostileValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      file: fc.nat(),
      op: fc.constantFrom('flip' as const, 'truncate' as const, 'extend' as const, 'zero' as const),
      at: fc.nat(),
      value: fc.integer({ min: 1, max: 255 }),
    }),
  },
);

type Node = Record<string, unknown> | unknown[];
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/**
 * Applies a JSON mutation: from the `under` key of the document (the topology mostly: that is what gets built),
 * follows `path` (each step picks a child modulo the count) and edits where it stops.
 */
export function mutateJson(doc: unknown, m: Extract<Mutation, { kind: 'json' }>): unknown {
  if (!isNode(doc)) return m.op === 'replace' ? m.value : doc;
  const root = structuredClone(doc) as Node;
  let parent: Node = root;
  let key: string | number | undefined =
    m.under && isNode((root as Record<string, unknown>)[m.under]) ? m.under : undefined;
  for (const step of m.path) {
    const node: unknown = key === undefined ? root : (parent as Record<string, unknown>)[key];
    if (!isNode(node)) break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    if (key !== undefined) parent = node;
    key = keys[step % keys.length]!;
    if (key === undefined) break;
  }
  if (key === undefined) return m.op === 'replace' ? m.value : root;
  const p = parent as Record<string | number, unknown>;
  if (m.op === 'replace') p[key] = m.value;
  else if (m.op === 'delete' && Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (m.op === 'delete') delete p[key];
  else if (Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(parent[Number(key)]));
  else p[`${String(key)}_copy`] = structuredClone(p[key]);
  return root;
}

/** Applies a byte mutation to one of `files` (chosen modulo their count). */
export function mutateBytes(files: Uint8Array[], m: Extract<Mutation, { kind: 'bytes' }>): void {
  if (files.length === 0) return;
  const i = m.file % files.length;
  const f = files[i]!;
  const at = f.length ? m.at % f.length : 0;
  if (m.op === 'flip' && f.length) f[at] = f[at]! ^ m.value;
  else if (m.op === 'zero' && f.length) f.fill(0, at, at + m.value);
  else if (m.op === 'truncate') files[i] = f.slice(0, at);
  else if (m.op === 'extend') files[i] = Uint8Array.from([...f, ...new Uint8Array(m.value).fill(m.value)]);
}

/** Settles within `ms` or rejects with a message saying the case hung. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`hung: no answer within ${ms} ms`)), ms)),
  );
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
