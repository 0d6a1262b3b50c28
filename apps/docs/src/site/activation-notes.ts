import type { PerActivation } from '@rectify/activations';

/**
 * What the registry cannot know about an activation: when to reach for it, and how its defaults compare with Keras
 * and PyTorch. Everything else on the Activations page (formula, derivative, plot, properties, options, defaults)
 * is read from @rectify/activations when the site is built. Typed per activation: a new catalogue entry is a
 * compile error here until it has its notes.
 */
export interface ActivationNotes {
  readonly whenToUse: string;
  /** How the defaults and spelling differ between Rectify, Keras 3 and PyTorch. */
  readonly frameworks: string;
}

export const activationNotes: PerActivation<ActivationNotes> = {
  linear: {
    whenToUse:
      'The output layer of a regression model, or a layer whose non-linearity comes from elsewhere (a following normalization or activation layer).',
    frameworks: 'Keras `linear` (also what `activation=None` means); PyTorch `nn.Identity`. No options anywhere.',
  },
  relu: {
    whenToUse:
      'The default for hidden layers of MLPs and CNNs: cheap, sparse, and its gradient is exactly 1 where it is active, so deep stacks do not shrink the gradient. Pair it with He initialisation. Watch for dead units when the learning rate is high.',
    frameworks:
      'PyTorch `nn.ReLU()` has no options. Keras 3 `relu(x, negative_slope=0.0, max_value=None, threshold=0.0)` folds leaky and capped variants into one function; Rectify keeps them as separate activations (`leakyRelu`, `relu6`).',
  },
  relu6: {
    whenToUse:
      'Mobile and quantized networks (MobileNet): the cap at 6 bounds the activations, so low-precision arithmetic keeps its resolution.',
    frameworks: 'PyTorch `nn.ReLU6`, Keras `relu6`: the same function, no options.',
  },
  leakyRelu: {
    whenToUse:
      'When ReLU units die (training with a high learning rate, or a small network that cannot spare units): the small negative slope keeps a gradient flowing to every unit.',
    frameworks:
      'The default slope differs between frameworks. Rectify uses 0.01, as PyTorch `nn.LeakyReLU(negative_slope=0.01)`. Keras 3 uses 0.2 in `keras.activations.leaky_relu` and 0.3 in the `LeakyReLU` layer; TensorFlow.js uses 0.2. Set `alpha` explicitly when you port a model.',
  },
  prelu: {
    whenToUse:
      'Like leaky ReLU, but the slope is learned: use the `PReLU` layer (one slope per channel) in image models where the best leak is unknown. As a fixed activation it is leaky ReLU with slope 0.25.',
    frameworks:
      'PyTorch `nn.PReLU(num_parameters=1, init=0.25)` learns one slope shared by all channels, starting at 0.25. Keras `PReLU(alpha_initializer="zeros")` learns one slope per unit, starting at 0 (as plain ReLU).',
  },
  elu: {
    whenToUse:
      "Deep MLPs where you want ReLU's behaviour for positive inputs but mean activations closer to zero and no dead units; costs an exponential on the negative side.",
    frameworks: "Keras `elu(x, alpha=1.0)` and PyTorch `nn.ELU(alpha=1.0)` agree with Rectify's default α = 1.",
  },
  selu: {
    whenToUse:
      'Deep fully-connected networks without batch normalization: with LeCun-normal weights (and alpha dropout instead of dropout) the activations converge to mean 0 and variance 1 layer after layer — a self-normalizing network. Not for CNNs or residual nets, where the assumptions break.',
    frameworks:
      'The constants α and λ are fixed in Keras `selu` and PyTorch `nn.SELU`. Keras recommends `lecun_normal`; PyTorch\'s docs recommend `kaiming_normal_(w, nonlinearity="linear")`, the same LeCun variance 1/fan_in (`calculate_gain("selu")` = 3/4 is a different, less common choice).',
  },
  celu: {
    whenToUse:
      'ELU with α ≠ 1 when you need the function to stay continuously differentiable (ELU has a kink in its derivative at 0 unless α = 1).',
    frameworks: "PyTorch `nn.CELU(alpha=1.0)` and Keras 3 `celu(x, alpha=1.0)` match Rectify's default.",
  },
  gelu: {
    whenToUse:
      'Transformers (BERT, GPT, ViT) and other large models: a smooth ReLU whose small negative dip and non-zero gradient for slightly negative inputs tend to train better with Adam and layer normalization.',
    frameworks:
      'Exact (erf) by default in Rectify, PyTorch `nn.GELU(approximate="none")` and Keras 3 `gelu(x, approximate=False)`. JAX `jax.nn.gelu` defaults to the tanh approximation, and GPT-2 was trained with it: load such weights with `{ name: "gelu", approximate: "tanh" }`.',
  },
  swish: {
    whenToUse:
      'A smooth, non-monotonic ReLU alternative found by architecture search; EfficientNet and many modern CNNs use it. With β → ∞ it approaches ReLU, with β = 0 it is x/2.',
    frameworks:
      "PyTorch `nn.SiLU` and Keras `silu`/`swish` fix β = 1. Rectify exposes β (Ramachandran et al.'s swish-β), default 1 — the same function as SiLU, also available as `silu`.",
  },
  mish: {
    whenToUse:
      'A smooth, self-regularizing alternative to swish used in some detection models (YOLOv4); costs a softplus and a tanh per element.',
    frameworks: 'PyTorch `nn.Mish` and Keras 3 `mish`: the same function, no options.',
  },
  hardSigmoid: {
    whenToUse: "A cheap sigmoid for gates on mobile hardware (MobileNetV3's squeeze-and-excitation).",
    frameworks:
      'Rectify, Keras 3 and PyTorch `nn.Hardsigmoid` all use relu6(x + 3)/6 (slope 1/6). Keras 2 and TensorFlow.js used clip(0.2x + 0.5, 0, 1) (slope 0.2) — ported weights see a slightly different function.',
  },
  hardSwish: {
    whenToUse: "MobileNetV3's cheap swish: close to swish, with no exponential.",
    frameworks: 'PyTorch `nn.Hardswish` and Keras 3 `hard_swish` (also `hard_silu`): the same function, no options.',
  },
  sigmoid: {
    whenToUse:
      'The output of binary (and multi-label) classifiers, and gates (LSTM, attention gates). Avoid it in the hidden layers of deep nets: its derivative is at most 1/4, so gradients vanish layer after layer.',
    frameworks: 'Keras `sigmoid`, PyTorch `nn.Sigmoid`: no options.',
  },
  tanh: {
    whenToUse:
      'Recurrent networks and small zero-centred MLPs; better than sigmoid in hidden layers (zero-centred, derivative up to 1) but it still saturates. Pair it with Glorot initialisation.',
    frameworks: 'Keras `tanh`, PyTorch `nn.Tanh`: no options.',
  },
  softplus: {
    whenToUse:
      'Where an output must be positive and smooth (a standard deviation, a rate), or as a smooth ReLU in small models.',
    frameworks:
      'PyTorch `nn.Softplus(beta=1, threshold=20)` returns x itself where βx > 20, a numerical shortcut; Keras `softplus` has no options. Rectify has no options and computes log(1 + eˣ) stably for every input.',
  },
  softsign: {
    whenToUse:
      'A tanh-like squashing whose tails approach ±1 polynomially rather than exponentially, so it saturates more gently. Rarely the first choice.',
    frameworks: 'Keras `softsign`, PyTorch `nn.Softsign`: no options.',
  },
  softmax: {
    whenToUse:
      'The output of a single-label classifier: turns logits into probabilities that sum to 1 along the last axis. For training, prefer a loss that takes logits (more stable) and apply softmax only for predictions.',
    frameworks:
      'Keras `softmax(x, axis=-1)` and Rectify default to the last axis. PyTorch `nn.Softmax(dim=None)` guesses the axis from the rank and warns that this is deprecated: always pass `dim`.',
  },
  logSoftmax: {
    whenToUse:
      'Log-probabilities for a negative log-likelihood loss, computed stably in one step (log of softmax underflows for very negative logits).',
    frameworks:
      'Keras 3 `log_softmax(x, axis=-1)` and Rectify default to the last axis; PyTorch `nn.LogSoftmax(dim=None)` has the same deprecated implicit axis as softmax.',
  },
};
