import {
  type BinaryFn,
  RectifyError,
  type Tensor,
  add,
  binaryFn,
  broadcastTo,
  mathFns,
  broadcastedAxes,
  cast,
  div,
  engine,
  equal,
  gather,
  mapBinary,
  mapUnaryGrad,
  matmul,
  mul,
  neg,
  pad,
  prod,
  reshape,
  shapesEqual,
  slice,
  split,
  square,
  sum,
  transpose,
  where,
} from '@rectify/tensor';
import type { GradRules, UnreadByRules } from './grad-rule.js';

/** Sums a broadcast gradient back down to the shape of the operand it came from. @example sumToShape(ones([2, 3]), [3]) // [2, 2, 2] */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const axes = broadcastedAxes(shape, g.shape);
  return reshape(axes.length ? sum(g, axes) : g, shape);
}

/** The shape a reduction's output had before its reduced axes were dropped. */
function keptShape(x: Tensor, axes: readonly number[]): number[] {
  return x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

const partials = new WeakMap<BinaryFn, { dx?: BinaryFn; dy?: BinaryFn }>();
/** Partial derivatives of a scalar binary function as elementwise functions, made once per function. */
function partialsOf(fn: BinaryFn): { dx?: BinaryFn; dy?: BinaryFn } {
  let p = partials.get(fn);
  if (!p) {
    p = {
      ...(fn.dfdx && { dx: binaryFn({ name: `${fn.name}_dx`, f: fn.dfdx, out: 'float32' }) }),
      ...(fn.dfdy && { dy: binaryFn({ name: `${fn.name}_dy`, f: fn.dfdy, out: 'float32' }) }),
    };
    partials.set(fn, p);
  }
  return p;
}

/**
 * Arithmetic that is cheaper written with tensor ops than through the generic partials (keyed by identity): the
 * gradient with respect to x, then y, each computed only when needed.
 */
const fastBinary = new Map<
  BinaryFn,
  readonly [dx: (dy: Tensor, x: Tensor, y: Tensor) => Tensor, dy: (dy: Tensor, x: Tensor, y: Tensor) => Tensor]
>([
  [mathFns.addFn, [(dy) => dy, (dy) => dy]],
  [mathFns.subFn, [(dy) => dy, (dy) => neg(dy)]],
  [mathFns.mulFn, [(dy, _x, y) => mul(dy, y), (dy, x) => mul(dy, x)]],
  [mathFns.divFn, [(dy, _x, y) => div(dy, y), (dy, x, y) => neg(div(mul(dy, x), square(y)))]],
]);

/** `f()` when the input needs a gradient, else null (what every rule returns for inputs nobody asked about). */
const ifNeeded = (need: boolean | undefined, f: () => Tensor): Tensor | null => (need ? f() : null);

function higherOrder(op: string): never {
  throw new RectifyError(
    `grad: differentiating through '${op}' (a gradient kernel) is not supported; higher-order gradients are not implemented`,
  );
}

/** One matmul of a gradient: left operand, right operand, and whether each is transposed. */
type MatmulProduct = readonly ['dy' | 'a' | 'b', 'dy' | 'a' | 'b', boolean, boolean];

/**
 * The gradients of C = op(A)·op(B) for each pair of transposes (N: as stored, T: transposed), written so that no
 * transpose is ever materialised: e.g. for C = Aᵀ·B, dA = (dC·Bᵀ)ᵀ = B·dCᵀ.
 */
const MATMUL_GRADS: Readonly<Record<'NN' | 'NT' | 'TN' | 'TT', { da: MatmulProduct; db: MatmulProduct }>> = {
  NN: { da: ['dy', 'b', false, true], db: ['a', 'dy', true, false] },
  NT: { da: ['dy', 'b', false, false], db: ['dy', 'a', true, false] },
  TN: { da: ['b', 'dy', false, true], db: ['a', 'dy', false, false] },
  TT: { da: ['b', 'dy', true, true], db: ['dy', 'a', true, true] },
};

/**
 * The gradient of every op, keyed by op. Rules are written with public tensor ops where one exists, so they run on any
 * backend; the kernels that are themselves gradients (scatterAdd, the conv and pool backprops) have no public op and
 * are called through `engine.runKernel`.
 * @example
 * const x = tensor([[1, 2, 3]]);
 * const y = transpose(x, [1, 0]);
 * const dy = tensor([[10], [20], [30]]);
 * gradRules.transpose(dy, { inputs: [x], attrs: { perm: [1, 0] }, output: y, needs: [true] }); // → [[[10, 20, 30]]]
 */
export const gradRules: GradRules = {
  unary: (dy, { inputs: [x], attrs: { fn, a, b } }) => [fn.df ? mapUnaryGrad(x!, dy, fn, a, b) : null],
  unaryGrad: () => higherOrder('unaryGrad'),
  // ReLU-like functions read their derivative off the output; for the others the pre-activation is recomputed
  // rather than kept: one add costs less than holding a second activation-sized buffer per layer until backward.
  biasActivation: (dy, { inputs: [z, bias], attrs: { fn, a, b }, output, needs: [nz, nb] }) => {
    if (!fn.df || !(nz || nb)) return [null, null];
    const at = fn.dfAtOutput?.(a, b) ? output! : add(z!, bias!);
    const dpre = mapUnaryGrad(at, dy, fn, a, b);
    return [nz ? dpre : null, nb ? sumToShape(dpre, bias!.shape) : null];
  },
  // z and c are the forward inputs: the gate activations are recomputed from z rather than saved, as biasActivation.
  lstmCell: (dy, { inputs: [z, c], attrs: { part }, needs: [nz, nc] }) => [
    ifNeeded(nz, () => engine.runKernel('lstmCellGrad', [z!, c!, dy], { part, wrt: 'z' })),
    ifNeeded(nc, () => engine.runKernel('lstmCellGrad', [z!, c!, dy], { part, wrt: 'c' })),
  ],
  lstmCellGrad: () => higherOrder('lstmCellGrad'),
  gruCell: (dy, { inputs: [zx, zh, h], needs }) =>
    (['zx', 'zh', 'h'] as const).map((wrt, i) =>
      ifNeeded(needs[i]!, () => engine.runKernel('gruCellGrad', [zx!, zh!, h!, dy], { wrt })),
    ),
  gruCellGrad: () => higherOrder('gruCellGrad'),
  binary: (dy, { inputs: [x, y], attrs: { fn }, needs: [nx, ny] }) => {
    const fast = fastBinary.get(fn);
    let gx: Tensor | null;
    let gy: Tensor | null;
    if (fast) [gx, gy] = [ifNeeded(nx, () => fast[0](dy, x!, y!)), ifNeeded(ny, () => fast[1](dy, x!, y!))];
    else {
      const p = partialsOf(fn);
      gx = p.dx ? ifNeeded(nx, () => mul(dy, mapBinary(x!, y!, p.dx!))) : null;
      gy = p.dy ? ifNeeded(ny, () => mul(dy, mapBinary(x!, y!, p.dy!))) : null;
    }
    return [gx && sumToShape(gx, x!.shape), gy && sumToShape(gy, y!.shape)];
  },
  where: (dy, { inputs: [c, x, y], needs: [, nx, ny] }) => [
    null,
    ifNeeded(nx, () => sumToShape(where(c!, dy, 0), x!.shape)),
    ifNeeded(ny, () => sumToShape(where(c!, 0, dy), y!.shape)),
  ],
  // Only a float → float cast carries a gradient; casting to int32 or bool rounds, which has none.
  cast: (dy, { inputs: [x], output }) => [
    x!.dtype === 'float32' && output!.dtype === 'float32' ? cast(dy, 'float32') : null,
  ],
  reduce: (dy, { inputs: [x], attrs: { axes, op }, output }) => {
    const g = reshape(dy, keptShape(x!, axes));
    switch (op) {
      case 'sum':
        return [broadcastTo(g, x!.shape)];
      case 'max':
      case 'min': {
        // Ties share the gradient equally, as in TensorFlow.
        const hit = cast(equal(x!, reshape(output!, keptShape(x!, axes))), 'float32');
        return [div(mul(hit, g), sum(hit, axes, true))];
      }
      case 'prod': {
        // The product of the *other* entries, computed without dividing by zero.
        const isZero = equal(x!, 0);
        const nonZero = where(isZero, 1, x!);
        const pNonZero = prod(nonZero, axes, true);
        const zeros = sum(cast(isZero, 'float32'), axes, true);
        const others = where(
          isZero,
          where(equal(zeros, 1), pNonZero, 0),
          where(equal(zeros, 0), div(pNonZero, nonZero), 0),
        );
        return [mul(g, others)];
      }
      default:
        return [null];
    }
  },
  argReduce: () => [null],
  matmul: (dy, { inputs: [a, b], attrs: { transposeA: tA, transposeB: tB }, needs: [na, nb] }) => {
    const rule = MATMUL_GRADS[`${tA ? 'T' : 'N'}${tB ? 'T' : 'N'}`];
    const operands = { dy, a: a!, b: b! };
    const product = ([l, r, tl, tr]: MatmulProduct) => matmul(operands[l], operands[r], tl, tr);
    // The first layer's x is data: skipping its gradient saves a third of that layer's backward work.
    const da = ifNeeded(na, () => product(rule.da));
    const db = ifNeeded(nb, () => product(rule.db));
    return [da && sumToShape(da, a!.shape), db && sumToShape(db, b!.shape)];
  },
  transpose: (dy, { attrs: { perm } }) => {
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [transpose(dy, inverse)];
  },
  slice: (dy, { inputs: [x], attrs: { begin, size } }) => [
    pad(
      dy,
      x!.shape.map((d, i) => [begin[i]!, d - begin[i]! - size[i]!] as [number, number]),
    ),
  ],
  concat: (dy, { inputs, attrs: { axis } }) =>
    split(
      dy,
      inputs.map((t) => t!.shape[axis]!),
      axis,
    ),
  pad: (dy, { inputs: [x], attrs: { paddings } }) => [
    slice(
      dy,
      paddings.map((p) => p[0]),
      x!.shape,
    ),
  ],
  tile: (dy, { inputs: [x], attrs: { reps } }) => {
    // View dy as [rep0, d0, rep1, d1, …] and sum the rep axes.
    const split2 = x!.shape.flatMap((d, i) => [reps[i]!, d]);
    const repAxes = x!.shape.map((_, i) => 2 * i);
    return [reshape(sum(reshape(dy, split2), repAxes), x!.shape)];
  },
  // Indices can be connected (an argMax of a connected tensor) while the gathered tensor is a constant.
  gather: (dy, { inputs: [x, indices], attrs: { axis }, needs: [nx] }) => [
    ifNeeded(nx, () => engine.runKernel('scatterAdd', [dy, indices!], { axis, shape: x!.shape })),
    null,
  ],
  scatterAdd: (dy, { inputs: [, indices], attrs: { axis }, needs: [nu] }) => [
    ifNeeded(nu, () => gather(dy, indices!, axis)),
    null,
  ],
  // The first convolution's input is data: its input gradient is the larger half of that layer's backward pass.
  conv2d: (dy, { inputs: [x, f], attrs: { info }, needs: [nx, nf] }) => [
    ifNeeded(nx, () => engine.runKernel('conv2dBackpropInput', [dy, f!], { info })),
    ifNeeded(nf, () => engine.runKernel('conv2dBackpropFilter', [x!, dy], { info })),
  ],
  // The two backprop kernels are linear in each argument; their adjoints are the other conv kernels, which is
  // also what a transposed convolution needs.
  conv2dBackpropInput: (g, { inputs: [dy, f], attrs: { info }, needs: [ndy, nf] }) => [
    ifNeeded(ndy, () => engine.runKernel('conv2d', [g, f!], { info })),
    ifNeeded(nf, () => engine.runKernel('conv2dBackpropFilter', [g, dy!], { info })),
  ],
  conv2dBackpropFilter: (g, { inputs: [x, dy], attrs: { info }, needs: [nx, ndy] }) => [
    ifNeeded(nx, () => engine.runKernel('conv2dBackpropInput', [dy!, g], { info })),
    ifNeeded(ndy, () => engine.runKernel('conv2d', [x!, g], { info })),
  ],
  maxPool: (dy, { inputs: [x], attrs: { info } }) => [engine.runKernel('maxPoolGrad', [dy, x!], { info })],
  maxPoolGrad: () => higherOrder('maxPoolGrad'),
  avgPool: (dy, { attrs: { info } }) => [engine.runKernel('avgPoolGrad', [dy], { info })],
  avgPoolGrad: (g, { attrs: { info } }) => [engine.runKernel('avgPool', [g], { info })],
  reshape: (dy, { inputs: [x] }) => [reshape(dy, x!.shape)],
  identity: (dy) => [dy],
  // Only the weights and the mask inputs are read: the logits, often [B, H, T, S] attention scores, are not kept.
  softmax: (dy, { inputs: [, ...mask], attrs, output, needs: [nx] }) => [
    ifNeeded(nx, () =>
      engine.runKernel('softmaxGrad', [output!, dy, ...(mask as Tensor[])] as [Tensor, Tensor], attrs),
    ),
    null,
    null,
  ],
  softmaxGrad: () => higherOrder('softmaxGrad'),
  customGrad: (dy, { inputs, attrs: { gradFunc, numInputs }, needs }) => {
    const gs = gradFunc(dy, inputs.slice(numInputs) as Tensor[], needs.slice(0, numInputs));
    // The saved tensors ride along as inputs only to be kept alive: they get no gradient.
    return inputs.map((_, i) => (i < numInputs && needs[i] ? gs[i]! : null));
  },
};

/**
 * The inputs and outputs rules never read (see `Unread`), so the tape does not keep them alive until backward.
 * @example unreadByRules.softmax?.inputs // → [0]
 */
export const unreadByRules: UnreadByRules = {
  // matmul's gradient reads its operands only; attention's scores are a matmul output.
  matmul: { output: true },
  softmax: { inputs: [0] },
  // A ReLU-like epilogue's rule reads the output, not the pre-activation z.
  biasActivation: ({ fn, a, b }) => (fn.dfAtOutput?.(a, b) ? { inputs: [0] } : {}),
};
