// `node bench/attention-ab.mjs [d] [heads]`: one process, a causal transformerEncoder block (B=32, T=64) trained one
// step at a time (forward + backward) on the wasm backend, with the attention weights computed two ways, alternated:
// the composition attention used before the fused kernel — where(causalMask, q/√d·kᵀ, −1e9), then
// exp(logSoftmax) — and the maskedSoftmax kernel the layer runs now. Prints the median step-time ratio and the
// ratio of the peak live wasm bytes per step (backend.memory().numBytes, sampled after every kernel call).
// A measurement, not a test; build the packages first.
import { packageEntry } from './lib.mjs';

const rt = await import(packageEntry('tensor').href);
// Importing the wasm backend registers it as 'wasm'.
await import(packageEntry('backend-wasm').href);
const ag = await import(packageEntry('autograd').href);
const layers = await import(packageEntry('layers').href);

const D = Number(process.argv[2] ?? 64);
const HEADS = Number(process.argv[3] ?? 4);
const [B, T] = [32, 64];
const ROUNDS = Number(process.argv[4] ?? 7);

await rt.ready('wasm');
const backend = rt.engine.getBackend();
console.log(`wasm backend: ${JSON.stringify({ threads: backend.info.threads, simd: backend.info.simd })}`);

// Peak live bytes: every kernel call is followed by a look at the backend's byte count.
let peak = 0;
const kernels = backend.kernels;
for (const name of Object.keys(kernels)) {
  const k = kernels[name];
  kernels[name] = (i, a) => {
    const out = k(i, a);
    peak = Math.max(peak, backend.memory().numBytes);
    return out;
  };
}

/** MultiHeadAttention.call as it was before the kernel: the mask materialised and the softmax composed. */
function composedCall(inputs, { training = false, mask, useCausalMask = false }) {
  const [q, v = q, k = v] = Array.isArray(inputs) ? inputs : [inputs];
  const query = layers.splitHeads(this.query.apply(q), this.numHeads);
  const key = layers.splitHeads(this.key.apply(k), this.numHeads);
  const value = layers.splitHeads(this.value.apply(v), this.numHeads);
  const causal = useCausalMask ? layers.causalMask(query.shape[2], key.shape[2]) : undefined;
  const full = mask && causal ? rt.logicalAnd(rt.cast(mask, 'bool'), causal) : (mask ?? causal);
  const d = query.shape[3];
  let scores = rt.matmul(rt.mul(query, 1 / Math.sqrt(d)), key, false, true);
  if (full) scores = rt.where(full, scores, -1e9);
  const weights = rt.exp(rt.logSoftmax(scores, -1));
  const out = rt.matmul(this.dropout > 0 ? this.weightDropout.apply(weights, { training }) : weights, value);
  return this.output.apply(layers.mergeHeads(out));
}

const proto = layers.MultiHeadAttention.prototype;
const fusedCall = proto.call;
const block = layers.transformerEncoder({ numHeads: HEADS, intermediateDim: 4 * D, causal: true, seed: 1 });
const x = rt.randomNormal([B, T, D], 0, 1, 'float32', 2);
const r = rt.randomNormal([B, T, D], 0, 1, 'float32', 3);
block.apply(x).dispose();
const vars = block.trainableWeights;

function step() {
  const { value, grads } = ag.variableGrads(() => rt.sum(rt.mul(block.apply(x, { training: true }), r)), vars);
  const loss = value.dataSync()[0];
  rt.dispose([value, ...Object.values(grads)]);
  return loss;
}

function measure(call) {
  proto.call = call;
  step(); // warm-up
  peak = backend.memory().numBytes;
  const base = peak;
  const t0 = performance.now();
  const loss = step();
  return { ms: performance.now() - t0, peakBytes: peak - base, loss };
}

const times = { composed: [], fused: [] };
const peaks = { composed: 0, fused: 0 };
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, call] of i % 2
    ? [
        ['fused', fusedCall],
        ['composed', composedCall],
      ]
    : [
        ['composed', composedCall],
        ['fused', fusedCall],
      ]) {
    const m = measure(call);
    times[name].push(m.ms);
    peaks[name] = Math.max(peaks[name], m.peakBytes);
    if (i === 0) console.log(`${name}: loss ${m.loss.toFixed(4)}`);
  }
}
proto.call = fusedCall;
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const [tc, tf] = [median(times.composed), median(times.fused)];
console.log(`B=${B} T=${T} d=${D} heads=${HEADS}, median of ${ROUNDS} steps each, alternated`);
console.log(`step ms: composed ${tc.toFixed(1)}, fused ${tf.toFixed(1)}; composed / fused = ${(tc / tf).toFixed(2)}`);
console.log(
  `peak live MiB per step: composed ${(peaks.composed / 2 ** 20).toFixed(1)}, fused ${(peaks.fused / 2 ** 20).toFixed(1)}; composed / fused = ${(peaks.composed / peaks.fused).toFixed(2)}`,
);
console.log(`wasm memory now: ${(backend.info.memoryBytes / 2 ** 20).toFixed(0)} MiB`);
process.exit(0);
