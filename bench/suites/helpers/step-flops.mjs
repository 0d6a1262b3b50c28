// The multiply-add arithmetic of one training step of each `pnpm bench peers` workload, counted from the layer
// shapes (2 flops per multiply-add; products and convolutions only — element-wise work, Adam and the loss are left
// out, so the floor below is generous). The backward pass forms each weight gradient and each input gradient except
// the first layer's: no framework computes the gradient of the data. With the run's measured SIMD128 ceiling this
// gives the fastest step any WebAssembly SIMD128 code could take for the same arithmetic, so a target that needs a
// faster step than that is beyond SIMD128 on that machine. Benchmarks only.

/** Forward flops of a dense layer over `rows` rows. */
const dense = (rows, inputs, units) => 2 * rows * inputs * units;

/** Forward flops of a stride-1 'same' convolution. */
const conv = (batch, h, w, k, inC, outC) => 2 * batch * h * w * k * k * inC * outC;

/** Forward, weight-gradient and (except for the first layer) input-gradient products of a stack of layers. */
function trainingFlops(layerForwards) {
  return layerForwards.reduce((total, f, i) => total + (i === 0 ? 2 : 3) * f, 0);
}

/** The layer shapes of bench/suites/helpers/train-public-api.mjs and torch_train.py. */
export const STEP_FLOPS = {
  // 784-256-128-10, batch 128.
  mlp: trainingFlops([dense(128, 784, 256), dense(128, 256, 128), dense(128, 128, 10)]),
  // conv 5×5×1→16 on 28×28, pool, conv 5×5×16→32 on 14×14, pool, dense 7·7·32→10; batch 64.
  cnn: trainingFlops([conv(64, 28, 28, 5, 1, 16), conv(64, 14, 14, 5, 16, 32), dense(64, 7 * 7 * 32, 10)]),
  // LSTM 128 units over 64 steps of 32 features (x·W and h·U into 4 gates each step), then dense 128→10; batch 32.
  // Inside the layer x·W is the first layer's (no input gradient) and h·U needs all three products.
  lstm: 2 * dense(32 * 64, 32, 4 * 128) + 3 * dense(32 * 64, 128, 4 * 128) + 3 * dense(32, 128, 10),
};

/**
 * The floor a run's ceiling puts under `task`'s step: milliseconds at 100 % of `gflops`, the best ratio against a
 * peer's `peerMs` that allows, and the share of the ceiling a measured `ms` reached.
 * @example stepFloor('cnn', 125, 15.75, 8.31) // { gflop: 1.05, floorMs: 8.4, bestRatio: 0.99, share: 0.53 }
 */
export function stepFloor(task, gflops, ms, peerMs) {
  const gflop = STEP_FLOPS[task] / 1e9;
  const floorMs = (gflop / gflops) * 1e3;
  return { gflop, floorMs, bestRatio: peerMs ? peerMs / floorMs : null, share: ms ? floorMs / ms : null };
}
