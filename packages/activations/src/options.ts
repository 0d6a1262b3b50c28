import { ValueError } from '@rectify/tensor';

/**
 * A real-valued option such as alpha or beta.
 * @example
 * ```ts
 * import { numberOption } from '@rectify/activations';
 * numberOption(1, { positive: true }); // → { kind: 'number', default: 1, positive: true }
 * ```
 */
export interface NumberOption {
  readonly kind: 'number';
  readonly default: number;
  /** Also rejects zero and negative values (celu's alpha divides). */
  readonly positive?: boolean;
}

/**
 * An integer option such as softmax's axis.
 * @example
 * ```ts
 * import { integerOption } from '@rectify/activations';
 * integerOption(-1); // → { kind: 'integer', default: -1 }
 * ```
 */
export interface IntegerOption {
  readonly kind: 'integer';
  readonly default: number;
}

/**
 * One of a fixed set of strings, such as gelu's `approximate`.
 * @example
 * ```ts
 * import { choiceOption } from '@rectify/activations';
 * choiceOption('none', ['none', 'tanh']); // → { kind: 'choice', default: 'none', choices: [ 'none', 'tanh' ] }
 * ```
 */
export interface ChoiceOption<C extends string = string> {
  readonly kind: 'choice';
  readonly default: C;
  readonly choices: readonly C[];
}

/**
 * One option of an activation: a number, an integer or a choice of strings, with its default.
 * @example
 * ```ts
 * import { type OptionSpec, activations } from '@rectify/activations';
 * const approximate: OptionSpec = activations.gelu.options.approximate;
 * [approximate.kind, approximate.default]; // → ['choice', 'none']
 * ```
 */
export type OptionSpec = NumberOption | IntegerOption | ChoiceOption;
/**
 * Every option of an activation by name: what `ActivationSpec.options` holds (`{}` for none).
 * @example
 * ```ts
 * import { type OptionSpecs, numberOption } from '@rectify/activations';
 * const specs: OptionSpecs = { alpha: numberOption(0.01) };
 * [Object.keys(specs), specs.alpha?.default]; // → [[ 'alpha' ], 0.01]
 * ```
 */
export type OptionSpecs = { readonly [name: string]: OptionSpec };

/**
 * The resolved values of a set of options: numbers, or the union of a choice's strings.
 * @example
 * ```ts
 * import { type OptionValues, choiceOption, numberOption } from '@rectify/activations';
 * const specs = { alpha: numberOption(1), mode: choiceOption('a', ['a', 'b']) };
 * const values: OptionValues<typeof specs> = { alpha: 2, mode: 'b' };
 * values; // → { alpha: 2, mode: 'b' }
 * ```
 */
export type OptionValues<S extends OptionSpecs> = {
  readonly [K in keyof S]: S[K] extends ChoiceOption<infer C> ? C : number;
};

/**
 * A real-valued option with its default; `{ positive: true }` also rejects zero and negative values.
 * @example
 * ```ts
 * import { numberOption } from '@rectify/activations';
 * numberOption(0.01).default; // → 0.01
 * ```
 */
export function numberOption(defaultValue: number, constraints: { positive?: boolean } = {}): NumberOption {
  return { kind: 'number', default: defaultValue, ...(constraints.positive && { positive: true }) };
}

/**
 * An integer option with its default.
 * @example
 * ```ts
 * import { integerOption } from '@rectify/activations';
 * integerOption(-1).default; // → -1
 * ```
 */
export function integerOption(defaultValue: number): IntegerOption {
  return { kind: 'integer', default: defaultValue };
}

/**
 * A choice among fixed strings, with its default (one of them).
 * @example
 * ```ts
 * import { choiceOption } from '@rectify/activations';
 * choiceOption('none', ['none', 'tanh']).default; // → 'none'
 * ```
 */
export function choiceOption<const C extends string>(defaultValue: NoInfer<C>, choices: readonly C[]): ChoiceOption<C> {
  return { kind: 'choice', default: defaultValue, choices };
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return typeof v;
}

function check(where: string, option: string, spec: OptionSpec, v: unknown): number | string {
  switch (spec.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || (spec.positive && v <= 0)) {
        throw new ValueError(
          `${where} '${option}' must be a ${spec.positive ? 'positive ' : ''}finite number, received ${show(v)}`,
        );
      }
      return v;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new ValueError(`${where} '${option}' must be an integer, received ${show(v)}`);
      }
      return v;
    case 'choice':
      if (typeof v !== 'string' || !spec.choices.includes(v)) {
        throw new ValueError(
          `${where} '${option}' must be one of ${spec.choices.map(show).join(', ')}, received ${show(v)}`,
        );
      }
      return v;
  }
}

/**
 * Fills in defaults and checks every given option: unknown names and wrong types are errors that name the option,
 * the value received and what is allowed. `undefined` means "use the default". `fn` is the function the user
 * called (`'leakyRelu'`, `'activations.get'`), `activation` the activation whose options these are.
 */
export function resolveOptions<S extends OptionSpecs>(
  fn: string,
  activation: string,
  specs: S,
  given: unknown,
): OptionValues<S> {
  const of = fn === activation ? '' : ` for ${activation}`;
  const where = fn === activation ? `${fn}: option` : `${fn}: ${activation} option`;
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
    const example = Object.keys(specs)[0] ?? 'name';
    throw new ValueError(`${fn}: options${of} must be an object such as { ${example}: … }, received ${show(given)}`);
  }
  const out: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  for (const [name, v] of Object.entries((given ?? {}) as Record<string, unknown>)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) {
      const allowed = Object.keys(specs);
      throw new ValueError(
        `${fn}: unknown option '${name}'${of}; ` +
          (allowed.length ? `allowed options: ${allowed.join(', ')}` : `${activation} takes no options`),
      );
    }
    if (v !== undefined) out[name] = check(where, name, spec, v);
  }
  return out as OptionValues<S>;
}
