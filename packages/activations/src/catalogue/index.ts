// One line per catalogue file. The registry is derived from these exports (every definition among them is a
// built-in, keyed by its own name), and so is the umbrella's top level — nothing else lists the activations.
export * from './celu.js';
export * from './elu.js';
export * from './gelu.js';
export * from './hard-sigmoid.js';
export * from './hard-swish.js';
export * from './leaky-relu.js';
export * from './linear.js';
export * from './log-softmax.js';
export * from './mish.js';
export * from './prelu.js';
export * from './relu.js';
export * from './relu6.js';
export * from './selu.js';
export * from './sigmoid.js';
export * from './softmax.js';
export * from './softplus.js';
export * from './softsign.js';
export * from './swish.js';
export * from './tanh.js';
