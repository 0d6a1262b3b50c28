import type { Tensor } from '@rectify/tensor';
import {
  type ActivationConfig,
  celu,
  elu,
  gelu,
  hardSigmoid,
  hardSwish,
  leakyRelu,
  linear,
  mish,
  prelu,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softplus,
  softsign,
  swish,
  tanh,
} from '@rectify/activations';
import { type Reference, references as r } from './reference.js';

/** One elementwise activation with given options: its tensor function, its registry config and its reference. */
export interface Case {
  readonly label: string;
  readonly config: ActivationConfig;
  readonly call: (x: Tensor) => Tensor;
  readonly ref: Reference;
  /** The derivative at NaN; NaN everywhere except for the identity, whose gradient is 1 regardless. */
  readonly dfAtNaN?: number;
}

export const cases: readonly Case[] = [
  { label: 'linear', config: { name: 'linear' }, call: (x) => linear(x), ref: r.linear(), dfAtNaN: 1 },
  { label: 'relu', config: { name: 'relu' }, call: (x) => relu(x), ref: r.relu() },
  { label: 'relu6', config: { name: 'relu6' }, call: (x) => relu6(x), ref: r.relu6() },
  {
    label: 'leakyRelu (default 0.01)',
    config: { name: 'leakyRelu' },
    call: (x) => leakyRelu(x),
    ref: r.leakyRelu(0.01),
  },
  {
    label: 'leakyRelu alpha 0.3',
    config: { name: 'leakyRelu', alpha: 0.3 },
    call: (x) => leakyRelu(x, { alpha: 0.3 }),
    ref: r.leakyRelu(0.3),
  },
  {
    label: 'leakyRelu alpha -0.5',
    config: { name: 'leakyRelu', alpha: -0.5 },
    call: (x) => leakyRelu(x, { alpha: -0.5 }),
    ref: r.leakyRelu(-0.5),
  },
  {
    label: 'prelu (shared slope 0.25)',
    config: { name: 'prelu' },
    call: (x) => prelu(x, 0.25),
    ref: r.leakyRelu(0.25),
  },
  { label: 'elu (default 1)', config: { name: 'elu' }, call: (x) => elu(x), ref: r.elu(1) },
  { label: 'elu alpha 0.5', config: { name: 'elu', alpha: 0.5 }, call: (x) => elu(x, { alpha: 0.5 }), ref: r.elu(0.5) },
  { label: 'selu', config: { name: 'selu' }, call: (x) => selu(x), ref: r.selu() },
  { label: 'celu (default 1)', config: { name: 'celu' }, call: (x) => celu(x), ref: r.celu(1) },
  { label: 'celu alpha 2', config: { name: 'celu', alpha: 2 }, call: (x) => celu(x, { alpha: 2 }), ref: r.celu(2) },
  { label: 'gelu (exact)', config: { name: 'gelu' }, call: (x) => gelu(x), ref: r.gelu() },
  {
    label: 'gelu tanh',
    config: { name: 'gelu', approximate: 'tanh' },
    call: (x) => gelu(x, { approximate: 'tanh' }),
    ref: r.geluTanh(),
  },
  { label: 'swish (default 1)', config: { name: 'swish' }, call: (x) => swish(x), ref: r.swish(1) },
  { label: 'silu', config: { name: 'silu' }, call: (x) => silu(x), ref: r.swish(1) },
  {
    label: 'swish beta 2.5',
    config: { name: 'swish', beta: 2.5 },
    call: (x) => swish(x, { beta: 2.5 }),
    ref: r.swish(2.5),
  },
  { label: 'swish beta 0', config: { name: 'swish', beta: 0 }, call: (x) => swish(x, { beta: 0 }), ref: r.swish(0) },
  { label: 'mish', config: { name: 'mish' }, call: (x) => mish(x), ref: r.mish() },
  { label: 'hardSigmoid', config: { name: 'hardSigmoid' }, call: (x) => hardSigmoid(x), ref: r.hardSigmoid() },
  { label: 'hardSwish', config: { name: 'hardSwish' }, call: (x) => hardSwish(x), ref: r.hardSwish() },
  { label: 'sigmoid', config: { name: 'sigmoid' }, call: (x) => sigmoid(x), ref: r.sigmoid() },
  { label: 'tanh', config: { name: 'tanh' }, call: (x) => tanh(x), ref: r.tanh() },
  { label: 'softplus', config: { name: 'softplus' }, call: (x) => softplus(x), ref: r.softplus() },
  { label: 'softsign', config: { name: 'softsign' }, call: (x) => softsign(x), ref: r.softsign() },
];
