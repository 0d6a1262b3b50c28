import {
  RectifyError,
  ShapeError,
  Tensor,
  ValueError,
  add,
  cast,
  engine,
  fmtShape,
  onesLike,
  shapesEqual,
  zerosLike,
} from '@rectify/tensor';
import type { OpName } from '@rectify/tensor';
import type { GradRule } from './grad-rule.js';
import { gradRules } from './rules.js';
import { Tape } from './tape.js';

export interface GradientsResult {
  readonly value: Tensor;
  readonly grads: Tensor[];
}

/**
 * The engine of every gradient function: runs `f` inside a `tidy` while recording, then walks the tape backwards
 * from its output. Intermediate tensors of `f` are freed (the tape holds their buffers until backward is done);
 * gradients for sources that `f` did not use are zeros, as in TensorFlow.js.
 * @example
 * const x = tensor([1, 2]);
 * const { value, grads } = computeGradients('myOp', () => sum(square(x)), [x]);
 * grads; // → [[2, 4]]
 */
export function computeGradients(
  op: string,
  f: () => Tensor,
  sources: readonly Tensor[],
  dy?: Tensor,
): GradientsResult {
  sources.forEach((s, i) => {
    if (!(s instanceof Tensor))
      throw new ValueError(`${op}: argument ${i} must be a Tensor, received ${s === null ? 'null' : typeof s}`);
    s.assertAlive(op);
    if (s.dtype !== 'float32') {
      throw new ValueError(
        `${op}: can only differentiate with respect to float32 tensors, argument ${i} is ${s.dtype}`,
      );
    }
  });
  if (dy !== undefined) dy.assertAlive(op);
  const tape = new Tape(sources);
  try {
    const unsubscribe = engine.addOpListener((r) => tape.record(r));
    let value: Tensor;
    try {
      value = engine.tidy(() => {
        const v = f();
        if (!(v instanceof Tensor)) {
          throw new RectifyError(
            `${op}: the function must return a Tensor, received ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`,
          );
        }
        return v;
      });
    } finally {
      unsubscribe();
    }
    if (dy && !shapesEqual(dy.shape, value.shape)) {
      throw new ShapeError(
        `${op}: dy has shape ${fmtShape(dy.shape)}, but the function's output has shape ${fmtShape(value.shape)}`,
      );
    }
    return { value, grads: backward(tape, value, sources, dy) };
  } finally {
    tape.release();
  }
}

function backward(tape: Tape, value: Tensor, sources: readonly Tensor[], dy: Tensor | undefined): Tensor[] {
  return engine.withoutListeners(() =>
    engine.tidy(() => {
      const acc = new Map<number, Tensor>();
      acc.set(value.id, dy ? cast(dy, 'float32') : onesLike(cast(value, 'float32')));
      for (let n = tape.nodes.length - 1; n >= 0; n--) {
        const node = tape.nodes[n]!;
        const g = acc.get(node.outputId);
        if (!g) continue;
        const rule = gradRules[node.op] as GradRule<OpName>;
        const inputGrads = rule(g, node.ctx);
        node.inputIds.forEach((id, i) => {
          const gi = inputGrads[i];
          if (!gi || !tape.isConnected(id)) return;
          const prev = acc.get(id);
          acc.set(id, prev ? add(prev, gi) : gi);
        });
      }
      return sources.map((s) => acc.get(s.id) ?? zerosLike(s));
    }),
  );
}
