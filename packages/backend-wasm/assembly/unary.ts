// Unary elementwise kernels: y = f(x) and the fused gradient dy·f'(x), one specialised SIMD loop per function.
// Each function is a @final class with an inlined `f` (or `df`), and the generic loop is instantiated once per
// class, so every loop is a straight-line SIMD body with no call inside. The op codes are abi.ts's UnaryCode.
import {
  Abs,
  Ceil,
  Clip,
  Exp,
  Expm1,
  Floor,
  Log,
  Log1p,
  Neg,
  Reciprocal,
  Round,
  Rsqrt,
  Sigmoid,
  Sign,
  Softplus,
  Sqrt,
  Square,
  Tanh,
} from './math-ops';
import {
  Celu,
  Elu,
  Gelu,
  GeluTanh,
  HardSigmoid,
  HardSwish,
  LeakyRelu,
  Mish,
  Relu,
  Relu6,
  Selu,
  Softsign,
  Swish,
} from './activation-ops';
import { BiasUnaryArgs, UnaryArgs, UnaryCode } from './abi';
import { CHUNK, F32, argF, argI, claim } from './common';
import { V4 } from './math';

/** The forward loop for one function class: four vectors per iteration, then a lane-wise tail. */
function mapF<T>(x: usize, out: usize, n: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = V4.splat(a);
  const bv = V4.splat(b);
  let i = 0;
  // Four vectors per iteration: cheap functions (relu, neg) are otherwise bound by the loop's own overhead.
  for (; i + 16 <= n; i += 16) {
    const p = F32.at(x, i);
    const q = F32.at(out, i);
    v128.store(q, op.f(v128.load(p), av, bv));
    v128.store(q, op.f(v128.load(p, 16), av, bv), 16);
    v128.store(q, op.f(v128.load(p, 32), av, bv), 32);
    v128.store(q, op.f(v128.load(p, 48), av, bv), 48);
  }
  for (; i + 4 <= n; i += 4) v128.store(F32.at(out, i), op.f(v128.load(F32.at(x, i)), av, bv));
  for (; i < n; i++) store<f32>(F32.at(out, i), f32x4.extract_lane(op.f(v128.load32_splat(F32.at(x, i)), av, bv), 0));
}

function mapDf<T>(x: usize, dy: usize, out: usize, n: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = V4.splat(a);
  const bv = V4.splat(b);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = F32.at(x, i);
    const g = F32.at(dy, i);
    const q = F32.at(out, i);
    v128.store(q, f32x4.mul(v128.load(g), op.df(v128.load(p), av, bv)));
    v128.store(q, f32x4.mul(v128.load(g, 16), op.df(v128.load(p, 16), av, bv)), 16);
  }
  for (; i + 4 <= n; i += 4)
    v128.store(F32.at(out, i), f32x4.mul(v128.load(F32.at(dy, i)), op.df(v128.load(F32.at(x, i)), av, bv)));
  for (; i < n; i++) {
    const g = f32x4.mul(v128.load32_splat(F32.at(dy, i)), op.df(v128.load32_splat(F32.at(x, i)), av, bv));
    store<f32>(F32.at(out, i), f32x4.extract_lane(g, 0));
  }
}

/** Runs op `code` over n floats: the forward function, or dy·f'(x) when `dy` is non-zero. */
function run<T>(x: usize, dy: usize, out: usize, n: i32, a: f32, b: f32): void {
  if (dy == 0) mapF<T>(x, out, n, a, b);
  else mapDf<T>(x, dy, out, n, a, b);
}

/** Task (parameters: UnaryArgs): out = f(x), or dy·f'(x) when dy is set. Threads claim CHUNK-element units. */
export function unary(args: usize, _tid: i32, _nt: i32): void {
  const n = argI(args, UnaryArgs.n);
  const units = (n + CHUNK - 1) / CHUNK;
  for (let u = claim(args); u < units; u = claim(args)) {
    const s = u * CHUNK;
    unaryRange(args, s, min(n, s + CHUNK));
  }
}

function unaryRange(args: usize, s: i32, e: i32): void {
  const code = argI(args, UnaryArgs.code);
  const x = F32.at(<usize>argI(args, UnaryArgs.x), s);
  const out = F32.at(<usize>argI(args, UnaryArgs.out), s);
  const a = argF(args, UnaryArgs.a);
  const b = argF(args, UnaryArgs.b);
  const dyBase = <usize>argI(args, UnaryArgs.dy);
  const dy: usize = dyBase == 0 ? 0 : F32.at(dyBase, s);
  const m = e - s;
  switch (code) {
    case UnaryCode.neg:
      run<Neg>(x, dy, out, m, a, b);
      break;
    case UnaryCode.abs:
      run<Abs>(x, dy, out, m, a, b);
      break;
    case UnaryCode.square:
      run<Square>(x, dy, out, m, a, b);
      break;
    case UnaryCode.sqrt:
      run<Sqrt>(x, dy, out, m, a, b);
      break;
    case UnaryCode.rsqrt:
      run<Rsqrt>(x, dy, out, m, a, b);
      break;
    case UnaryCode.reciprocal:
      run<Reciprocal>(x, dy, out, m, a, b);
      break;
    case UnaryCode.floor:
      run<Floor>(x, dy, out, m, a, b);
      break;
    case UnaryCode.ceil:
      run<Ceil>(x, dy, out, m, a, b);
      break;
    case UnaryCode.round:
      run<Round>(x, dy, out, m, a, b);
      break;
    case UnaryCode.sign:
      run<Sign>(x, dy, out, m, a, b);
      break;
    case UnaryCode.clip:
      run<Clip>(x, dy, out, m, a, b);
      break;
    case UnaryCode.exp:
      run<Exp>(x, dy, out, m, a, b);
      break;
    case UnaryCode.expm1:
      run<Expm1>(x, dy, out, m, a, b);
      break;
    case UnaryCode.log:
      run<Log>(x, dy, out, m, a, b);
      break;
    case UnaryCode.log1p:
      run<Log1p>(x, dy, out, m, a, b);
      break;
    case UnaryCode.sigmoid:
      run<Sigmoid>(x, dy, out, m, a, b);
      break;
    case UnaryCode.tanh:
      run<Tanh>(x, dy, out, m, a, b);
      break;
    case UnaryCode.softplus:
      run<Softplus>(x, dy, out, m, a, b);
      break;
    case UnaryCode.relu:
      run<Relu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.relu6:
      run<Relu6>(x, dy, out, m, a, b);
      break;
    case UnaryCode.leakyRelu:
      run<LeakyRelu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.elu:
      run<Elu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.selu:
      run<Selu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.celu:
      run<Celu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.gelu:
      run<Gelu>(x, dy, out, m, a, b);
      break;
    case UnaryCode.geluTanh:
      run<GeluTanh>(x, dy, out, m, a, b);
      break;
    case UnaryCode.swish:
      run<Swish>(x, dy, out, m, a, b);
      break;
    case UnaryCode.mish:
      run<Mish>(x, dy, out, m, a, b);
      break;
    case UnaryCode.softsign:
      run<Softsign>(x, dy, out, m, a, b);
      break;
    case UnaryCode.hardSigmoid:
      run<HardSigmoid>(x, dy, out, m, a, b);
      break;
    case UnaryCode.hardSwish:
      run<HardSwish>(x, dy, out, m, a, b);
      break;
    default:
      unreachable();
  }
}

function biasRows<T>(x: usize, bias: usize, out: usize, cols: i32, r0: i32, r1: i32, a: f32, b: f32): void {
  const op = changetype<T>(0);
  const av = V4.splat(a);
  const bv = V4.splat(b);
  for (let r = r0; r < r1; r++) {
    const xr = F32.at(x, r * cols);
    const orow = F32.at(out, r * cols);
    let c = 0;
    for (; c + 4 <= cols; c += 4)
      v128.store(F32.at(orow, c), op.f(f32x4.add(v128.load(F32.at(xr, c)), v128.load(F32.at(bias, c))), av, bv));
    for (; c < cols; c++) {
      const v = f32x4.add(v128.load32_splat(F32.at(xr, c)), v128.load32_splat(F32.at(bias, c)));
      store<f32>(F32.at(orow, c), f32x4.extract_lane(op.f(v, av, bv), 0));
    }
  }
}

/**
 * Task (parameters: BiasUnaryArgs): the fused dense-layer epilogue out = f(x + bias) over rows of `cols`. Codes
 * without a case here trap; src/kernels/op-codes.ts marks the ones with `bias: true`. Threads claim bands of rows.
 */
export function biasUnary(args: usize, _tid: i32, _nt: i32): void {
  const rows = argI(args, BiasUnaryArgs.rows);
  const cols = argI(args, BiasUnaryArgs.cols);
  const per = max(1, CHUNK / max(1, cols));
  const units = (rows + per - 1) / per;
  for (let u = claim(args); u < units; u = claim(args)) biasRange(args, u * per, min(rows, (u + 1) * per));
}

function biasRange(args: usize, r0: i32, r1: i32): void {
  const code = argI(args, BiasUnaryArgs.code);
  const cols = argI(args, BiasUnaryArgs.cols);
  const x = <usize>argI(args, BiasUnaryArgs.x);
  const bias = <usize>argI(args, BiasUnaryArgs.bias);
  const out = <usize>argI(args, BiasUnaryArgs.out);
  const a = argF(args, BiasUnaryArgs.a);
  const b = argF(args, BiasUnaryArgs.b);
  switch (code) {
    case UnaryCode.sigmoid:
      biasRows<Sigmoid>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.tanh:
      biasRows<Tanh>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.relu:
      biasRows<Relu>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.leakyRelu:
      biasRows<LeakyRelu>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.elu:
      biasRows<Elu>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.gelu:
      biasRows<Gelu>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.geluTanh:
      biasRows<GeluTanh>(x, bias, out, cols, r0, r1, a, b);
      break;
    case UnaryCode.swish:
      biasRows<Swish>(x, bias, out, cols, r0, r1, a, b);
      break;
    default:
      unreachable();
  }
}
