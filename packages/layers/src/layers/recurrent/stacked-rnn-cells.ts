import { type Tensor, ValueError, optionNames } from '@rectify/tensor';
import type { LayerArgs, LayerConfig } from '../../layer.js';
import { type LayerClass, type SerializedLayer, deserializeWith, serializeLayer } from '../../layer-class.js';
import { type Shape, isShapeList } from '../../shape.js';
import { RNNCell } from './rnn-cell.js';

export interface StackedRNNCellsArgs extends LayerArgs {
  /** The cells, bottom first; each reads the output of the one before. */
  cells: readonly RNNCell[];
}

export interface StackedRNNCellsConfig extends LayerConfig {
  cells: SerializedLayer[];
}

/**
 * Several cells run as one per time step (a deep RNN in one loop): the states are every cell's, in order.
 *
 * Shape: `[batch, features]`, states as the cells' → `[batch, lastUnits]` and the new states.
 * Reference: Keras `StackedRNNCells`.
 *
 * @example rnn({ cell: stackedRNNCells({ cells: [lstmCell({ units: 8 }), lstmCell({ units: 4 })] }) })
 */
export class StackedRNNCells extends RNNCell {
  static override readonly className: string = 'StackedRNNCells';
  static override readonly argNames: readonly string[] = optionNames<Omit<StackedRNNCellsArgs, keyof LayerArgs>>()({
    cells: true,
  });
  readonly cells: readonly RNNCell[];

  constructor(args: StackedRNNCellsArgs) {
    const cells = args.cells;
    if (!Array.isArray(cells) || cells.length === 0 || !cells.every((c) => c instanceof RNNCell)) {
      throw new ValueError(`stacked_rnn_cells: cells must be a non-empty list of RNN cells, received ${String(cells)}`);
    }
    super(args);
    this.cells = cells.map((c) => this.trackLayer(c));
  }

  get stateSize(): number[] {
    return this.cells.flatMap((c) => c.stateSize);
  }

  get outputSize(): number {
    return this.cells.at(-1)!.outputSize;
  }

  override build(inputShape: Shape | Shape[]): void {
    let shape = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    for (const c of this.cells) {
      c.maybeBuild(shape);
      shape = [shape[0] ?? null, c.outputSize];
    }
    super.build(inputShape);
  }

  project(x: Tensor): Tensor {
    return this.cells[0]!.project(x);
  }

  override beginSequence(batch: number, inputDim: number, training: boolean): void {
    let dim = inputDim;
    for (const c of this.cells) {
      c.beginSequence(batch, dim, training);
      dim = c.outputSize;
    }
  }

  override endSequence(): void {
    for (const c of this.cells) c.endSequence();
  }

  override dropInputs(x: Tensor): Tensor {
    return this.cells[0]!.dropInputs(x);
  }

  step(projected: Tensor, states: readonly Tensor[]): Tensor[] {
    const next: Tensor[] = [];
    let out = projected;
    let at = 0;
    this.cells.forEach((c, i) => {
      const own = states.slice(at, at + c.stateSize.length);
      at += own.length;
      const res = c.step(i === 0 ? out : c.project(c.dropInputs(out)), own);
      out = res[0]!;
      next.push(...res.slice(1));
    });
    return [out, ...next];
  }

  override getConfig(): StackedRNNCellsConfig {
    return { ...super.getConfig(), cells: this.cells.map((c) => serializeLayer(c)) };
  }

  static override fromConfig<T>(
    this: new (args: never) => T,
    config: LayerConfig,
    customClasses: Record<string, LayerClass> = {},
  ): T {
    const { cells, ...rest } = config as StackedRNNCellsConfig;
    return new this({ ...rest, cells: cells.map((c) => deserializeWith(c, customClasses)) } as never);
  }
}

/** Creates a {@link StackedRNNCells}. @example stackedRNNCells({ cells: [gruCell({ units: 8 }), gruCell({ units: 8 })] }) */
export function stackedRNNCells(args: StackedRNNCellsArgs): StackedRNNCells {
  return new StackedRNNCells(args);
}
