/** Float64 references of the recurrent cells (Keras' equations, gate orders and defaults), for the tests. */

type Mat = number[][];
const sig = (v: number): number => 1 / (1 + Math.exp(-v));

/** Rows of a flat row-major array. */
export function rows(flat: ArrayLike<number>, cols: number): Mat {
  const out: Mat = [];
  for (let i = 0; i < flat.length; i += cols) out.push(Array.from(flat).slice(i, i + cols));
  return out;
}

function dot(v: readonly number[], w: Mat): number[] {
  return w[0]!.map((_, j) => v.reduce((s, x, i) => s + x * w[i]![j]!, 0));
}

const addv = (a: readonly number[], b: readonly number[]): number[] => a.map((x, i) => x + b[i]!);

export interface CellWeights {
  kernel: Mat;
  recurrent: Mat;
  bias: number[] | Mat;
}

/** One step of each cell type: returns the new [h] or [h, c]. */
export const refSteps = {
  simple(w: CellWeights, x: number[], [h]: number[][]): number[][] {
    return [addv(addv(dot(x, w.kernel), dot(h!, w.recurrent)), w.bias as number[]).map(Math.tanh)];
  },
  lstm(w: CellWeights, x: number[], [h, c]: number[][]): number[][] {
    const u = h!.length;
    const z = addv(addv(dot(x, w.kernel), dot(h!, w.recurrent)), w.bias as number[]);
    const g = (k: number) => z.slice(k * u, (k + 1) * u);
    const i = g(0).map(sig),
      f = g(1).map(sig),
      cc = g(2).map(Math.tanh),
      o = g(3).map(sig);
    const c2 = c!.map((cv, j) => f[j]! * cv + i[j]! * cc[j]!);
    return [o.map((ov, j) => ov * Math.tanh(c2[j]!)), c2];
  },
  gru(w: CellWeights, x: number[], [h]: number[][], resetAfter: boolean): number[][] {
    const u = h!.length;
    const b = w.bias;
    const bIn = resetAfter ? (b as Mat)[0]! : (b as number[]);
    const xp = addv(dot(x, w.kernel), bIn);
    const part = (v: number[], k: number) => v.slice(k * u, (k + 1) * u);
    let z: number[], r: number[], hh: number[];
    if (resetAfter) {
      const inner = addv(dot(h!, w.recurrent), (b as Mat)[1]!);
      z = addv(part(xp, 0), part(inner, 0)).map(sig);
      r = addv(part(xp, 1), part(inner, 1)).map(sig);
      hh = addv(
        part(xp, 2),
        part(inner, 2).map((v, j) => v * r[j]!),
      ).map(Math.tanh);
    } else {
      const rec = dot(h!, w.recurrent);
      z = addv(part(xp, 0), part(rec, 0)).map(sig);
      r = addv(part(xp, 1), part(rec, 1)).map(sig);
      const uh = w.recurrent.map((row) => row.slice(2 * u));
      hh = addv(
        part(xp, 2),
        dot(
          h!.map((v, j) => v * r[j]!),
          uh,
        ),
      ).map(Math.tanh);
    }
    return [h!.map((hv, j) => z[j]! * hv + (1 - z[j]!) * hh[j]!)];
  },
};

/** Runs a step function over `xs` ([time][features]) for one batch row; returns the outputs of every step. */
export function refRun(
  step: (x: number[], s: number[][]) => number[][],
  xs: number[][],
  states: number[][],
  backwards = false,
): { outs: number[][]; states: number[][] } {
  const order = backwards ? [...xs].reverse() : xs;
  const outs: number[][] = [];
  let s = states;
  for (const x of order) {
    s = step(x, s);
    outs.push(s[0]!);
  }
  return { outs, states: s };
}
