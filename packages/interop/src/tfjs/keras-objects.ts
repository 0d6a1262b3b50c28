import { ValueError } from '@rectify/tensor';

/** A Keras serialized object in tfjs's camelCase form. */
export interface KerasObject {
  className: string;
  config: Record<string, unknown>;
}
type RectifyConfig = { name: string; [option: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Activations that compute the same function on both sides. tfjs's hard_sigmoid is 0.2x + 0.5 (Rectify's is
// relu6(x + 3)/6): it is deliberately absent, as are activations with options tfjs strings cannot carry.
const SAME_ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'selu',
  'sigmoid',
  'tanh',
  'softplus',
  'softsign',
  'mish',
] as const;

/** Rectify activation config → tfjs activation string; null when tfjs has no activation computing the same. */
function activationToTfjs(a: unknown): string | null {
  if (a === 'linear' || a === null || a === undefined) return 'linear';
  if (!isObject(a) || typeof a['name'] !== 'string') return null;
  const { name, ...o } = a as RectifyConfig;
  if ((SAME_ACTIVATIONS as readonly string[]).includes(name)) return name;
  if (name === 'elu' && o['alpha'] === 1) return 'elu';
  if (name === 'swish' && o['beta'] === 1) return 'swish';
  if (name === 'gelu' && o['approximate'] === 'none') return 'gelu';
  if ((name === 'softmax' || name === 'logSoftmax') && o['axis'] === -1) return name;
  return null;
}

/** The activation for a tfjs config value, or an error naming the layer. */
export function toTfjsActivation(layer: string, a: unknown): string {
  const s = activationToTfjs(a);
  if (s === null) {
    const shown = isObject(a) ? JSON.stringify(a) : String(a);
    throw new ValueError(
      `toTfjs: layer '${layer}' uses activation ${shown}, which no TensorFlow.js activation computes; use a separate layer (LeakyReLU, ELU, PReLU) or a supported activation`,
    );
  }
  return s;
}

/** tfjs activation (camelCase) → Rectify activation config. */
export function fromTfjsActivation(layer: string, a: unknown): RectifyConfig | 'linear' {
  const name = a === null || a === undefined ? 'linear' : isObject(a) ? a['className'] : a;
  if (name === 'linear') return 'linear';
  if (typeof name === 'string') {
    if ((SAME_ACTIVATIONS as readonly string[]).includes(name) || name === 'softmax' || name === 'logSoftmax') {
      return name === 'softmax' || name === 'logSoftmax' ? { name, axis: -1 } : { name };
    }
    if (name === 'elu') return { name: 'elu', alpha: 1 };
    if (name === 'swish') return { name: 'swish', beta: 1 };
    if (name === 'gelu') return { name: 'gelu', approximate: 'none' };
    if (name === 'geluNew') return { name: 'gelu', approximate: 'tanh' };
  }
  throw new ValueError(
    `fromTfjs: layer '${layer}' uses activation ${JSON.stringify(a)}, which Rectify does not compute the same way`,
  );
}

// Initializers with the same options on both sides, by Rectify name → Keras class.
const INITIALIZERS: Readonly<Record<string, string>> = {
  zeros: 'Zeros',
  ones: 'Ones',
  constant: 'Constant',
  randomNormal: 'RandomNormal',
  randomUniform: 'RandomUniform',
  truncatedNormal: 'TruncatedNormal',
  glorotUniform: 'GlorotUniform',
  glorotNormal: 'GlorotNormal',
  heNormal: 'HeNormal',
  heUniform: 'HeUniform',
  lecunNormal: 'LeCunNormal',
  lecunUniform: 'LeCunUniform',
  orthogonal: 'Orthogonal',
  identity: 'Identity',
  varianceScaling: 'VarianceScaling',
};
const KERAS_INITIALIZERS = new Map(Object.entries(INITIALIZERS).map(([r, k]) => [k, r]));

/** Rectify initializer config → Keras object. Distributions tfjs cannot name are errors, never a silent swap. */
export function toTfjsInitializer(layer: string, init: unknown): KerasObject {
  const { name, seed, ...options } = init as RectifyConfig & { seed?: unknown };
  const className = INITIALIZERS[name];
  if (!className)
    throw new ValueError(`toTfjs: layer '${layer}' uses initializer '${name}', which TensorFlow.js does not have`);
  const config: Record<string, unknown> = { ...options };
  if (className !== 'Zeros' && className !== 'Ones' && className !== 'Constant' && className !== 'Identity')
    config['seed'] = typeof seed === 'number' ? seed : null;
  if (className === 'VarianceScaling' && config['distribution'] === 'untruncatedNormal') {
    throw new ValueError(
      `toTfjs: layer '${layer}' uses varianceScaling with distribution 'untruncatedNormal', which TensorFlow.js cannot express`,
    );
  }
  return { className, config };
}

/** Keras initializer object → Rectify initializer config. */
export function fromTfjsInitializer(layer: string, init: unknown): RectifyConfig {
  if (!isObject(init) || typeof init['className'] !== 'string')
    throw new ValueError(
      `fromTfjs: layer '${layer}' has an initializer that is not {class_name, config}: ${JSON.stringify(init)}`,
    );
  const name = KERAS_INITIALIZERS.get(init['className']);
  if (!name)
    throw new ValueError(
      `fromTfjs: layer '${layer}' uses initializer '${init['className']}', which Rectify does not have`,
    );
  const { seed, ...options } = (isObject(init['config']) ? init['config'] : {}) as Record<string, unknown>;
  const config: RectifyConfig = { name, ...options, ...(typeof seed === 'number' ? { seed } : {}) };
  // Keras' 'normal' is its old name for the truncated normal.
  if (name === 'varianceScaling' && config['distribution'] === 'normal') config['distribution'] = 'truncatedNormal';
  return config;
}

/** Rectify regularizer config (or null) → Keras L1L2 object (or null). */
export function toTfjsRegularizer(r: unknown): KerasObject | null {
  if (!isObject(r)) return null;
  return {
    className: 'L1L2',
    config: { l1: typeof r['l1'] === 'number' ? r['l1'] : 0, l2: typeof r['l2'] === 'number' ? r['l2'] : 0 },
  };
}

/** Keras regularizer (L1L2, L1, L2) → Rectify config, or null. */
export function fromTfjsRegularizer(layer: string, r: unknown): RectifyConfig | null {
  if (r === null || r === undefined) return null;
  const cls = isObject(r) ? r['className'] : undefined;
  const c = (isObject(r) && isObject(r['config']) ? r['config'] : {}) as { l1?: number; l2?: number };
  if (cls === 'L1L2' || cls === 'L1' || cls === 'L2') {
    const l1 = c.l1 ?? 0;
    const l2 = c.l2 ?? 0;
    if (l1 === 0) return { name: 'l2', l2 };
    if (l2 === 0) return { name: 'l1', l1 };
    return { name: 'l1l2', l1, l2 };
  }
  throw new ValueError(
    `fromTfjs: layer '${layer}' uses regularizer ${JSON.stringify(cls ?? r)}, which Rectify does not have`,
  );
}
