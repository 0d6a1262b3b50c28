// The math functions of @rectify/tensor (math-fns.ts) as four-lane kernels: each a class whose inlined `f` and
// `df` match the scalar definition, special values included. unary.ts instantiates its loops once per class.
import { ONE, V4, ZERO } from './math';

@final
export class Neg {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.neg(x);
  }
  @inline df(_x: v128, _a: v128, _b: v128): v128 {
    return V4.splat(-1);
  }
}
@final
export class Abs {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.abs(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.sub(V4.ones(f32x4.gt(x, ZERO)), V4.ones(f32x4.lt(x, ZERO)));
  }
}
@final
export class Square {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.mul(x, x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.add(x, x);
  }
}
@final
export class Sqrt {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.sqrt(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(V4.splat(0.5), f32x4.sqrt(x));
  }
}
@final
export class Rsqrt {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(ONE, f32x4.sqrt(x));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(V4.splat(-0.5), f32x4.mul(x, f32x4.sqrt(x)));
  }
}
@final
export class Reciprocal {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(ONE, x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(V4.splat(-1), f32x4.mul(x, x));
  }
}
@final
export class Floor {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.floor(x);
  }
  @inline df(_x: v128, _a: v128, _b: v128): v128 {
    return ZERO;
  }
}
@final
export class Ceil {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.ceil(x);
  }
  @inline df(_x: v128, _a: v128, _b: v128): v128 {
    return ZERO;
  }
}
@final
export class Round {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.nearest(x);
  }
  @inline df(_x: v128, _a: v128, _b: v128): v128 {
    return ZERO;
  }
}
@final
export class Sign {
  // x > 0 ? 1 : x < 0 ? −1 : x — zeros keep their sign and NaN stays NaN.
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return v128.bitselect(ONE, v128.bitselect(V4.splat(-1), x, f32x4.lt(x, ZERO)), f32x4.gt(x, ZERO));
  }
  @inline df(_x: v128, _a: v128, _b: v128): v128 {
    return ZERO;
  }
}
@final
export class Clip {
  // x < a ? a : x > b ? b : x
  @inline f(x: v128, a: v128, b: v128): v128 {
    return v128.bitselect(a, v128.bitselect(b, x, f32x4.gt(x, b)), f32x4.lt(x, a));
  }
  @inline df(x: v128, a: v128, b: v128): v128 {
    return V4.ones(v128.and(f32x4.ge(x, a), f32x4.le(x, b)));
  }
}
@final
export class Exp {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.exp4(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return V4.exp4(x);
  }
}
@final
export class Expm1 {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.expm14(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return V4.exp4(x);
  }
}
@final
export class Log {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.log4(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(ONE, x);
  }
}
@final
export class Log1p {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.log1p4(x);
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.div(ONE, f32x4.add(ONE, x));
  }
}
@final
export class Sigmoid {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.sigmoid4(x);
  }
  // e/(1+e)² with e = e^−|x|: keeps its relative accuracy in the tails, where s·(1 − s) cancels to 0.
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const e = V4.exp4(f32x4.neg(f32x4.abs(x)));
    const d = f32x4.add(ONE, e);
    return f32x4.div(e, f32x4.mul(d, d));
  }
}
@final
export class Tanh {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return V4.tanh4(x);
  }
  // sech²(x) = 4e/(1+e)² with e = e^−2|x|, accurate in the tails where 1 − tanh² cancels.
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    const e = V4.exp4(f32x4.mul(V4.splat(-2), f32x4.abs(x)));
    const d = f32x4.add(ONE, e);
    return f32x4.div(f32x4.mul(V4.splat(4), e), f32x4.mul(d, d));
  }
}
@final
export class Softplus {
  @inline f(x: v128, _a: v128, _b: v128): v128 {
    return f32x4.add(f32x4.max(x, ZERO), V4.log1p4(V4.exp4(f32x4.neg(f32x4.abs(x)))));
  }
  @inline df(x: v128, _a: v128, _b: v128): v128 {
    return V4.sigmoid4(x);
  }
}
