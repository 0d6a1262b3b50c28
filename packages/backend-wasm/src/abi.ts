// The interface between the TypeScript side and the AssemblyScript kernels, written once and compiled by both:
// tsc compiles it into the package, and asc reaches it through assembly/abi.ts (tsc's rootDir is src/, so the file
// lives here rather than in assembly/). Only the syntax both compilers accept is used: numeric enums, no types.
//
// Every task export has the signature (args, tid, nt), where `args` points at a block of 32 words. Each task reads
// its parameters from the named slots of its enum below; integers and pointers sit in words below FLOAT_SLOTS,
// float32 parameters from FLOAT_SLOTS up, and the last word is the work counter.

/** First word of the block that holds float32 parameters; the words below hold int32 ones. */
export const FLOAT_SLOTS = 24;

/** Word of the block that counts claimed units of work; zeroed before every task. */
export const COUNTER = 31;

/** Words in the parameter block. */
export const ARG_WORDS = 32;

/** `gemm`: C = op(A)·op(B) (+ C) for `batch` products; `offsets` points at 3 byte offsets (A, B, C) per product. */
export enum GemmArgs {
  m,
  n,
  k,
  transA,
  transB,
  accumulate,
  a,
  b,
  c,
  lda,
  ldb,
  ldc,
  batch,
  offsets,
  scratch,
  scratchStride,
}

/** `unary`: out = f(x), or out = dy·f′(x) when `dy` is non-zero; `code` is a UnaryCode, `a` and `b` its parameters. */
export enum UnaryArgs {
  code,
  n,
  x,
  out,
  dy,
  a = 24,
  b,
}

/** `biasUnary`: out = f(x + bias) over `rows` rows of `cols`. */
export enum BiasUnaryArgs {
  code,
  rows,
  cols,
  x,
  bias,
  out,
  a = 24,
  b,
}

/** `binary`: out = f(x, y) over an [outer, inner] grid with per-operand strides (0 on broadcast axes). */
export enum BinaryArgs {
  code,
  outer,
  inner,
  x,
  y,
  out,
  xOuterStride,
  yOuterStride,
  xInnerStride,
  yInnerStride,
}

/**
 * `reduce`: x viewed as [outer, reduced, inner] reduced over the middle axis. With outer = inner = 1 and `partials`
 * set, each thread leaves a float64 partial at partials[tid] for the caller to combine.
 */
export enum ReduceArgs {
  code,
  outer,
  reduced,
  inner,
  x,
  out,
  partials,
}

/** `pool` reads x and writes y; `poolGrad` reads dy (and x, for max) and writes dx. NHWC. */
export enum PoolArgs {
  code,
  x,
  y,
  dy,
  dx,
  batch,
  inH,
  inW,
  channels,
  outH,
  outW,
  kH,
  kW,
  strideH,
  strideW,
  padTop,
  padLeft,
}

/**
 * `convForward`, `convFilterGrad` and `convInputGrad`, for y = conv(x, w) in NHWC with w [kH, kW, inC, outC]: each
 * task reads two of x, w, y and writes the third (or its gradient): forward writes y; the filter gradient reads dy
 * from `y` and writes `chunks` partial sums to `w`; the input gradient reads dy from `y` and writes dx to `x`. Each
 * thread owns `scratchStride` bytes of `scratch` (GEMM packing, then a column tile of `tile` rows).
 */
export enum ConvArgs {
  x,
  w,
  y,
  batch,
  inH,
  inW,
  inC,
  outH,
  outW,
  outC,
  kH,
  kW,
  strideH,
  strideW,
  dilationH,
  dilationW,
  padTop,
  padLeft,
  scratch,
  scratchStride,
  tile,
  chunks,
}

/**
 * `padImages`: copies `images` images of `rows` rows × `rowFloats` floats from `src` into a zeroed frame at `dst` of
 * `frameRows` rows × `frameFloats` floats per image, at row `top` and float `left` of each row. Threads claim images.
 */
export enum PadArgs {
  src,
  dst,
  images,
  rows,
  rowFloats,
  frameRows,
  frameFloats,
  top,
  left,
}

/** `sumChunks` (one thread): dst[0:n] = Σ over `chunks` consecutive blocks of n floats at src, in block order. */
export enum SumChunksArgs {
  dst,
  src,
  n,
  chunks,
}

/** `adam`: one Adam/AdamW step over n floats; `alpha` is the bias-corrected step, `keep` = 1 − lr·weightDecay. */
export enum AdamArgs {
  n,
  w,
  g,
  m,
  v,
  wOut,
  mOut,
  vOut,
  alpha = 24,
  epsilon,
  oneMinusBeta1,
  oneMinusBeta2,
  keep,
}

/** The functions of assembly/unary.ts, named as the functions they stand in for (src/kernels/op-codes.ts). */
export enum UnaryCode {
  neg = 1,
  abs,
  square,
  sqrt,
  rsqrt,
  reciprocal,
  floor,
  ceil,
  round,
  sign,
  clip,
  exp,
  expm1,
  log,
  log1p,
  sigmoid,
  tanh,
  softplus,
  relu,
  relu6,
  leakyRelu,
  elu,
  selu,
  celu,
  gelu,
  geluTanh,
  swish,
  mish,
  softsign,
  hardSigmoid,
  hardSwish,
}

/** The functions of assembly/binary.ts, named as tensor's binary functions; from `equal` up they write bool bytes. */
export enum BinaryCode {
  add = 1,
  sub,
  mul,
  div,
  maximum,
  minimum,
  squaredDifference,
  equal = 20,
  notEqual,
  less,
  lessEqual,
  greater,
  greaterEqual,
}

export enum ReduceCode {
  sum = 1,
  max,
  min,
}

export enum PoolCode {
  max = 1,
  avg,
}

/**
 * `softmax`: row-wise softmax over `rows` rows of `cols` (code 0: out = softmax(scale·x); code 1: out = its gradient
 * from y in `x` and `dy`). Query i = r mod `queries` sees keys j ≤ i + `offset` when `causal` is 1; with `mask` set
 * (bool bytes, rows of `cols`), row r reads mask row maskRows[r] (int32).
 */
export enum SoftmaxArgs {
  code,
  rows,
  cols,
  queries,
  causal,
  offset,
  x,
  dy,
  out,
  mask,
  maskRows,
  scale = 24,
}

/**
 * `lstmCell`: one LSTM pointwise kernel over `rows` rows of `units` (z rows hold 4·units, gates i, f, g, o).
 * `mode` is an LstmMode; `c` is the previous cell state for the state modes and the new one for the hidden modes;
 * `dy` the upstream gradient (grad modes only).
 */
export enum LstmArgs {
  mode,
  rows,
  units,
  z,
  c,
  dy,
  out,
}

/** What `lstmCell` computes: c′ or h, or the gradient of z or c of either. */
export enum LstmMode {
  state,
  hidden,
  stateGradZ,
  stateGradC,
  hiddenGradZ,
  hiddenGradC,
}

/**
 * `lstmSequence`: a whole LSTM sequence in one task, every step's h·U product and pointwise cell together, U packed
 * once. Threads share each step's units in blocks of `block` units and wait for the previous step's blocks (`done`
 * counts finished blocks; JavaScript zeroes it). `mode` is an LstmSeqMode. Forward reads `zx` (x·W + b per step,
 * `[steps, rows, 4·units]`), `h0`, `c0` and writes `z`, `h`, `c`; backward reads `z`, `c`, `c0` and `dh` (every step,
 * or only the last when `dhAll` is 0) and writes `dz`, `dh0`, `dc0`. `packed` holds the packed U; `tiles` 256 bytes
 * of scratch per thread; `claims` one zeroed word per block (the next step to claim). A thread that waits polls `spin`
 * times, then sleeps (counted in `sleepers`, zeroed by JavaScript) unless `mayBlock` is 0 (a browser's main thread
 * may not).
 */
export enum LstmSeqArgs {
  mode,
  steps,
  rows,
  units,
  block,
  zx,
  z,
  u,
  h0,
  c0,
  h,
  c,
  dh,
  dhAll,
  dz,
  dh0,
  dc0,
  packed,
  tiles,
  claims,
  mayBlock,
  spin,
  done,
  sleepers,
}

/** Which way `lstmSequence` runs through time. */
export enum LstmSeqMode {
  forward,
  backward,
}

/**
 * `gruCell`: the GRU pointwise kernel (resetAfter) over `rows` rows of `units`; `zx` and `zh` rows hold 3·units
 * (gates z, r, h). `mode` is a GruMode; `dy` the upstream gradient (grad modes only).
 */
export enum GruArgs {
  mode,
  rows,
  units,
  zx,
  zh,
  h,
  dy,
  out,
}

/** What `gruCell` computes: h′, or the gradient of zx, zh or h. */
export enum GruMode {
  value,
  gradZx,
  gradZh,
  gradH,
}
