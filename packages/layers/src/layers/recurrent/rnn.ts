import { noGrad } from '@rectify/autograd';
import { ShapeError, type Tensor, ValueError, cast, checkOptions, dispose, keep, optionNames } from '@rectify/tensor';
import { type CallArgs, Layer, type LayerArgs, type LayerConfig, layerArgNames, tfjsOnly } from '../../layer.js';
import { toSnakeCase, uniqueName } from '../../naming.js';
import { type LayerClass, type SerializedLayer, deserializeWith, serializeLayer } from '../../layer-class.js';
import { type InputSpec, assertInputSpec } from '../../input-spec.js';
import { type Shape, fmtShape, isShapeList, knownDim } from '../../shape.js';
import { RNNCell } from './rnn-cell.js';
import { runCell } from './rnn-loop.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';

/** The options of every recurrent layer (Keras names and defaults). */
export interface RNNOptions extends LayerArgs {
  /** Return the output of every step (`[batch, time, units]`) rather than the last (`[batch, units]`). Default false. */
  returnSequences?: boolean;
  /** Also return the final states: `[output, ...states]`. Default false. */
  returnState?: boolean;
  /** Process the sequence from its end, returning the outputs in processing order. Default false. */
  goBackwards?: boolean;
  /** Carry the final states of one batch over as the initial states of the next (reset with `resetStates`). */
  stateful?: boolean;
}

export interface RNNArgs extends RNNOptions {
  /** The step to repeat; a list is stacked into {@link StackedRNNCells}. */
  cell: RNNCell | readonly RNNCell[];
}

export interface RNNOptionsConfig extends LayerConfig {
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}

export interface RNNConfig extends RNNOptionsConfig {
  cell: SerializedLayer;
}

/**
 * Applies a cell to every step of a sequence, backpropagating through time on the tape. Initial states come as
 * extra inputs (`apply([x, h0, c0])`) or `apply(x, { initialState: [h0, c0] })`; a mask from Embedding(`maskZero`)
 * or Masking makes padded steps carry the previous output and states on.
 *
 * Shape: `[batch, time, features]` → `[batch, units]`, `[batch, time, units]` with `returnSequences`, plus the
 * states `[batch, size]` with `returnState`. Reference: Keras `RNN`.
 *
 * @example rnn({ cell: lstmCell({ units: 8 }), returnSequences: true }).apply(ones([2, 5, 3])).shape; // → [2, 5, 8]
 */
export class RNN extends Layer<Tensor | Tensor[]> {
  static override readonly className: string = 'RNN';
  static override readonly argNames: readonly string[] = optionNames<Omit<RNNArgs, keyof LayerArgs>>()({
    cell: true,
    returnSequences: true,
    returnState: true,
    goBackwards: true,
    stateful: true,
  });
  protected override readonly receivesMask = true;
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  /** The carried states of a stateful layer (after its first batch). */
  states: Tensor[] | undefined;

  constructor(args: RNNArgs) {
    super(args);
    const c = args.cell;
    const cells = Array.isArray(c) ? c : [c];
    if (cells.length === 0 || !cells.every((x) => x instanceof RNNCell)) {
      throw new ValueError(`${this.kind}: cell must be an RNN cell or a non-empty list of them, received ${String(c)}`);
    }
    this.cell = this.trackLayer(
      cells.length === 1 ? cells[0]! : new StackedRNNCells({ cells, name: `${this.name}/stacked_rnn_cells` }),
    );
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.inputSpec = { ndim: 3 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const x = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const features = knownDim(this.name, x, -1);
    this.cell.maybeBuild([x[0] ?? null, features]);
    this.inputSpec = { ndim: 3, axes: { [-1]: features } };
    super.build(inputShape);
  }

  protected override assertInputShapes(shapes: readonly Shape[]): void {
    const [x, ...states] = shapes;
    assertInputSpec(this.name, this.inputSpec as InputSpec, x!);
    this.checkStates(states);
  }

  private checkStates(states: readonly Shape[]): void {
    if (states.length === 0) return;
    const sizes = this.cell.stateSize;
    if (states.length !== sizes.length) {
      throw new ShapeError(`${this.name}: expected ${sizes.length} initial state(s), received ${states.length}`);
    }
    states.forEach((s, i) => {
      if (s.length !== 2 || (s[1] !== null && s[1] !== sizes[i])) {
        throw new ShapeError(
          `${this.name}: initial state ${i} must have shape [batch, ${sizes[i]}], received ${fmtShape(s)}`,
        );
      }
    });
  }

  call(inputs: Tensor | Tensor[], args: CallArgs): Tensor | Tensor[] {
    const [x, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    const extra = (args.initialState as Tensor[] | undefined) ?? [];
    if (given.length > 0 && extra.length > 0)
      throw new ValueError(`${this.name}: initial states given twice (as inputs and as initialState)`);
    const initial = given.length > 0 ? given : extra;
    this.checkStates(initial.map((s) => s.shape));
    const batch = x!.shape[0]!;
    if (x!.shape[1] === 0)
      throw new ShapeError(
        `${this.name}: the input needs at least one time step, received shape ${fmtShape(x!.shape)}`,
      );
    const zeros = initial.length > 0 || (this.stateful && this.states) ? [] : this.cell.zeroStates(batch);
    const start = initial.length > 0 ? initial : (this.states ?? zeros);
    if (this.stateful && this.states) this.checkCarried(batch);
    const { output, states } = runCell(this.cell, x!, start, {
      mask: args.mask as Tensor | undefined,
      goBackwards: this.goBackwards,
      returnSequences: this.returnSequences,
      training: args.training ?? false,
      stateGradients: this.returnState,
    });
    dispose(zeros.filter((z) => !states.includes(z)));
    if (this.stateful) this.carry(states);
    return this.returnState ? [output, ...states] : output;
  }

  /** A stateful layer needs the same batch size on every call. */
  private checkCarried(batch: number): void {
    const have = this.states![0]!.shape[0];
    if (have !== batch)
      throw new ShapeError(
        `${this.name}: a stateful layer needs the same batch size on every call, received ${batch} after ${have} (call resetStates() first)`,
      );
  }

  /** Keeps copies of the final states, cut from the tape: the next batch starts from them (truncated BPTT). */
  private carry(states: readonly Tensor[]): void {
    const old = this.states;
    this.states = noGrad(() => states.map((s) => keep(cast(s, 'float32'))));
    if (old) dispose(old);
  }

  /** Forgets the carried states (zeros on the next call), or sets them to `values`. @example
   * const layer = simpleRNN({ units: 2, stateful: true, batchInputShape: [1, 3, 1] });
   * layer.apply(ones([1, 3, 1]));
   * layer.resetStates();
   */
  resetStates(values?: readonly Tensor[]): void {
    if (!this.stateful) throw new ValueError(`${this.name}: resetStates needs a stateful layer (stateful: true)`);
    if (values) this.checkStates(values.map((v) => v.shape));
    const old = this.states;
    this.states = values ? noGrad(() => values.map((v) => keep(cast(v, 'float32')))) : undefined;
    if (old) dispose(old);
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | undefined): Tensor | undefined {
    return this.returnSequences ? mask : undefined;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const [batch = null, time = null] = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const units = this.cell.outputSize;
    const out: Shape = this.returnSequences ? [batch, time, units] : [batch, units];
    return this.returnState ? [out, ...this.cell.stateSize.map((n) => [batch, n])] : out;
  }

  override dispose(): void {
    if (this.states) dispose(this.states);
    this.states = undefined;
    super.dispose();
  }

  /** The cell's part of the config: the serialized cell here; LSTM, GRU and SimpleRNN flatten their cell's options. */
  protected cellConfig(): Record<string, unknown> {
    return { cell: serializeLayer(this.cell) };
  }

  override getConfig(): RNNOptionsConfig {
    return {
      ...super.getConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      ...this.cellConfig(),
    };
  }

  static override fromConfig<T>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const c = config as Partial<RNNConfig>;
    return new this((c.cell ? { ...c, cell: deserializeWith(c.cell, customClasses) } : c) as never);
  }
}

const LAYER_KEYS: readonly string[] = [...layerArgNames, 'returnSequences', 'returnState', 'goBackwards', 'stateful'];

/**
 * Splits a flat LSTM/GRU/SimpleRNN options object into the layer's options and its cell's. The cell takes the
 * layer's name, so that weights are named `lstm/kernel` as TensorFlow.js names them (and loads them by name).
 * @example
 * const { layer, cell } = splitCellArgs({ units: 4, returnSequences: true, name: 'lstm' }, 'LSTM');
 * layer.returnSequences; // → true
 * cell.units; // → 4
 */
export function splitCellArgs<A extends RNNOptions>(
  args: A,
  className: string,
): { layer: RNNOptions & { name: string }; cell: A & { name: string } } {
  const name = args.name ?? uniqueName(toSnakeCase(className));
  const layer = Object.fromEntries(Object.entries(args).filter(([k]) => LAYER_KEYS.includes(k)));
  const cell = Object.fromEntries(Object.entries(args).filter(([k]) => !LAYER_KEYS.includes(k) || k === 'trainable'));
  return { layer: { ...layer, name }, cell: { ...(cell as A), name } };
}

/** A cell's own options for a flat layer config (its name, trainable flag and dtype belong to the layer). */
export function flatCellConfig(cell: RNNCell): Record<string, unknown> {
  const { name: _n, trainable: _t, dtype: _d, ...own } = cell.getConfig();
  return own;
}

/**
 * A recurrent layer configured by one flat options object that builds its own cell (SimpleRNN, LSTM, GRU): the
 * config holds the cell's options beside the loop's, as Keras writes them.
 * @example class MyRNN extends CellRNN<MyCell> { static override readonly className: string = 'MyRNN'; constructor(a) { super(a, (c) => new MyCell(c)); } }
 */
export abstract class CellRNN<C extends RNNCell & { readonly units: number }> extends RNN {
  declare readonly cell: C;

  constructor(args: RNNOptions, makeCell: (cellArgs: never) => C) {
    const cls = new.target as unknown as typeof Layer;
    // The flat options are checked against the layer's whole list before they are split, so that a misspelt option
    // is reported by the layer ('lstm: … did you mean') rather than by its cell, which knows only half of them.
    if (cls.argNames)
      checkOptions(
        toSnakeCase(cls.className),
        args,
        [...layerArgNames, ...cls.argNames.filter((k) => k !== 'cell')],
        tfjsOnly,
      );
    const { layer, cell } = splitCellArgs(args, cls.className);
    super({ ...layer, cell: makeCell(cell as never) });
  }

  get units(): number {
    return this.cell.units;
  }

  protected override cellConfig(): Record<string, unknown> {
    return flatCellConfig(this.cell);
  }
}

/** Creates an {@link RNN} layer around any cell. @example rnn({ cell: [gruCell({ units: 8 }), gruCell({ units: 8 })] }) */
export function rnn(args: RNNArgs): RNN {
  return new RNN(args);
}
