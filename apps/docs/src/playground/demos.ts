import { DEFAULT_CONFIG, type LabConfig } from './lab.js';

/** A classic demonstration: networks trained side by side, and what to look at. */
export interface Demo {
  readonly id: string;
  readonly title: string;
  readonly explain: string;
  readonly configs: readonly LabConfig[];
}

const base = DEFAULT_CONFIG;

/** The playground's buttons. Kept tiny: they train in the page, on the CPU, in a few seconds. */
export const demos: readonly Demo[] = [
  {
    id: 'vanishing',
    title: 'ReLU vs sigmoid in a deep net',
    explain:
      "Ten hidden layers. Sigmoid's derivative is at most 1/4, so the gradient shrinks by that factor (or more) at every layer on its way back: the sigmoid network's gradient norms (log scale) are orders of magnitude below ReLU's, and its loss stays at log 2 ≈ 0.693 — it learns nothing. ReLU passes the gradient through unchanged where units are active, and its loss falls.",
    configs: [
      {
        ...base,
        label: 'sigmoid + glorotUniform',
        activation: 'sigmoid',
        initializer: 'glorotUniform',
        depth: 10,
        width: 16,
        steps: 40,
      },
      {
        ...base,
        label: 'relu + heNormal',
        activation: 'relu',
        initializer: 'heNormal',
        depth: 10,
        width: 16,
        steps: 40,
      },
    ],
  },
  {
    id: 'dying',
    title: 'A learning rate too high (dying ReLU)',
    explain:
      'The same ReLU network with SGD at two learning rates. The large steps of lr 0.7 push many units\' biases and weights so far that they output 0 for every example — and a unit at 0 gets no gradient, so it never recovers. Watch "dead units" climb and stay up; with lr 0.05 they stay where they started.',
    configs: [
      { ...base, label: 'relu, lr 0.05', learningRate: 0.05 },
      { ...base, label: 'relu, lr 0.7', learningRate: 0.7 },
    ],
  },
  {
    id: 'init',
    title: 'He vs Glorot init',
    explain:
      "Twelve ReLU layers. Glorot's variance 2/(fan in + fan out) ignores that ReLU zeroes half of its inputs, so each layer's output is about √2 smaller than the last: the activations' spread collapses with depth. He's 2/fan in compensates exactly and keeps it flat.",
    configs: [
      { ...base, label: 'relu + glorotNormal', initializer: 'glorotNormal', depth: 12, steps: 40, learningRate: 0.05 },
      { ...base, label: 'relu + heNormal', initializer: 'heNormal', depth: 12, steps: 40, learningRate: 0.05 },
    ],
  },
  {
    id: 'selu',
    title: 'SELU self-normalizing',
    explain:
      'Sixteen layers. With LeCun-normal weights, SELU maps inputs with mean 0 and variance 1 to outputs with mean 0 and variance 1, so every layer stays normalized without batch normalization: its standard deviation per layer stays near 1 and its mean near 0. Tanh with Glorot weights drifts towards 0.',
    configs: [
      {
        ...base,
        label: 'selu + lecunNormal',
        activation: 'selu',
        initializer: 'lecunNormal',
        depth: 16,
        steps: 30,
        learningRate: 0.05,
      },
      {
        ...base,
        label: 'tanh + glorotUniform',
        activation: 'tanh',
        initializer: 'glorotUniform',
        depth: 16,
        steps: 30,
        learningRate: 0.05,
      },
    ],
  },
  {
    id: 'transformer',
    title: 'ReLU vs GELU vs Swish on a small transformer',
    explain:
      'One transformer encoder block learns whether the first of six tokens appears again later; only the feed-forward activation differs. On a task this small the three reach similar losses. A unit whose output is ≤ 0 for every example counts as dead: with GELU and Swish such a unit still gets gradient (their derivative is not 0 for negative inputs) and can come back, while a dead ReLU unit gets none.',
    configs: ['relu', 'gelu', 'swish'].map((activation) => ({
      ...base,
      label: activation,
      task: 'tokens' as const,
      activation,
      optimizer: 'adam' as const,
      learningRate: 0.01,
      steps: 60,
      recordEvery: 10,
    })),
  },
];
