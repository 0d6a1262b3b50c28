import { ShapeError, ValueError, fmtShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type TensorLike, toTensor } from './convert.js';
import { mul } from './elementwise.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { reshape, transpose } from './shape.js';

function parse(equation: string, count: number): { inputs: string[]; output: string } {
  if (typeof equation !== 'string' || !/^[a-zA-Z,\s]*(->[a-zA-Z\s]*)?$/.test(equation)) {
    throw new ValueError(
      `einsum: equation must use letters, ',' and '->' only (no '...'), received ${JSON.stringify(equation)}`,
    );
  }
  const [lhs, rhs] = equation.replace(/\s/g, '').split('->') as [string, string | undefined];
  const inputs = lhs.split(',');
  if (inputs.length !== count) {
    throw new ValueError(
      `einsum: equation ${JSON.stringify(equation)} names ${inputs.length} operands, received ${count} tensors`,
    );
  }
  if (count < 1 || count > 2) throw new ValueError(`einsum: 1 or 2 operands are supported, received ${count}`);
  for (const term of [...inputs, rhs ?? '']) {
    if (new Set(term).size !== term.length) {
      throw new ValueError(`einsum: a letter repeats within ${JSON.stringify(term)}; diagonals are not supported`);
    }
  }
  // Implicit output (NumPy): the letters that occur exactly once, in alphabetical order.
  const all = inputs.join('');
  const output =
    rhs ??
    [...new Set(all)]
      .filter((c) => all.indexOf(c) === all.lastIndexOf(c))
      .sort()
      .join('');
  for (const c of output) {
    if (!all.includes(c))
      throw new ValueError(`einsum: output letter '${c}' does not occur in any operand of ${JSON.stringify(equation)}`);
  }
  return { inputs, output };
}

/** Sums away the letters of `term` that appear neither in `keep`; returns the tensor and its remaining letters. */
function sumOut(t: Tensor, term: string, keep: string): [Tensor, string] {
  const gone = [...term].flatMap((c, i) => (keep.includes(c) ? [] : [i]));
  if (gone.length === 0) return [t, term];
  return [sum(t, gone), [...term].filter((c) => keep.includes(c)).join('')];
}

/** `t` (letters `term`) with its axes put in the order of `order`, then merged into the groups of `groups`. */
function arrange(t: Tensor, term: string, groups: readonly string[]): Tensor {
  const order = groups.join('');
  const perm = [...order].map((c) => term.indexOf(c));
  const sizes = groups.map((g) => [...g].reduce((n, c) => n * t.shape[term.indexOf(c)]!, 1));
  return reshape(transpose(t, perm), sizes);
}

/**
 * Einstein summation over one or two operands, as TensorFlow.js's `einsum`: 'ij,jk->ik' (matmul),
 * 'bij,bjk->bik' (batched), 'i,i->' (dot), 'i,j->ij' (outer), 'ij,ij->ij' (elementwise), 'ij->ji' (transpose),
 * 'ij->' (sum) … Any such 1–2 operand equation works: it is lowered to transposes, reshapes, one matmul (or a
 * broadcast multiply when nothing is contracted) and sums, all differentiable. A letter may not repeat within one
 * operand (no diagonals) and '...' is not supported; without '->' the output is NumPy's implicit one.
 * @example einsum('ij,jk->ik', tensor([[1, 2]]), tensor([[3], [4]])) // → [[11]]
 * @example einsum('i,i->', tensor([1, 2]), tensor([3, 4])) // → 11
 */
export function einsum(equation: string, ...tensors: TensorLike[]): Tensor {
  const { inputs, output } = parse(equation, tensors.length);
  const ts = tensors.map((x, i) => toTensor(x, `tensors[${i}]`, 'einsum'));
  const size = new Map<string, number>();
  ts.forEach((t, k) => {
    const term = inputs[k]!;
    if (term.length !== t.rank) {
      throw new ShapeError(
        `einsum: operand ${k} has shape ${fmtShape(t.shape)} (rank ${t.rank}) but ${JSON.stringify(term)} names ${term.length} axes`,
      );
    }
    [...term].forEach((c, i) => {
      const d = t.shape[i]!;
      if (size.has(c) && size.get(c) !== d) {
        throw new ShapeError(
          `einsum: letter '${c}' has size ${size.get(c)} in one place and ${d} in operand ${k} (shape ${fmtShape(t.shape)})`,
        );
      }
      size.set(c, d);
    });
  });
  if (ts.length === 1) {
    const [t, term] = sumOut(ts[0]!, inputs[0]!, output);
    return transpose(
      t,
      [...output].map((c) => term.indexOf(c)),
    );
  }
  // Letters only one operand has and the output lacks are summed out of that operand first.
  const [a, ta] = sumOut(ts[0]!, inputs[0]!, output + inputs[1]!);
  const [b, tb] = sumOut(ts[1]!, inputs[1]!, output + inputs[0]!);
  const batch = [...ta].filter((c) => tb.includes(c) && output.includes(c)).join('');
  const contracted = [...ta].filter((c) => tb.includes(c) && !output.includes(c)).join('');
  const freeA = [...ta].filter((c) => !tb.includes(c)).join('');
  const freeB = [...tb].filter((c) => !ta.includes(c)).join('');
  const a3 = arrange(a, ta, [batch, freeA, contracted]);
  const b3 = arrange(b, tb, [batch, contracted, freeB]);
  // [batch, freeA, freeB]: a matmul over the contracted letters, or a broadcast product when there are none.
  const product = contracted.length > 0 ? matmul(a3, b3) : mul(a3, b3);
  const letters = batch + freeA + freeB;
  const full = reshape(
    product,
    [...letters].map((c) => size.get(c)!),
  );
  return transpose(
    full,
    [...output].map((c) => letters.indexOf(c)),
  );
}
