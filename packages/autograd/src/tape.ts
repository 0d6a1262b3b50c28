import { type OpRecord, type Tensor, engine } from '@rectify/tensor';
import type { OpContext, Unread } from './grad-rule.js';
import { unreadByRules } from './rules.js';

export interface TapeNode {
  readonly op: OpRecord['op'];
  readonly attrs: OpRecord['attrs'];
  /** Ids of the tensors the op read and wrote in the forward pass; gradients are keyed by these. */
  readonly inputIds: readonly number[];
  readonly outputId: number;
  /** Handles on the same buffers, kept alive until backward is done even if user code disposes the originals. */
  readonly ctx: OpContext<OpRecord['op']>;
}

/**
 * Records the ops that depend on the watched sources, in execution order. Ops on unrelated tensors (constants,
 * data preprocessing) are not recorded, so they cost nothing.
 */
export class Tape {
  readonly nodes: TapeNode[] = [];
  private readonly connected = new Set<number>();
  private readonly held: Tensor[] = [];

  constructor(sources: readonly Tensor[]) {
    for (const s of sources) this.connected.add(s.id);
  }

  /** Whether the tensor with this id depends on a source (only those need gradients). */
  isConnected(id: number): boolean {
    return this.connected.has(id);
  }

  record(r: OpRecord): void {
    // An input's connection is settled before the op runs, so what is needed now is what backward will need.
    const needs = r.inputs.map((t) => this.connected.has(t.id));
    if (!needs.includes(true)) return;
    this.connected.add(r.output.id);
    const entry = unreadByRules[r.op] as Unread | ((attrs: unknown) => Unread) | undefined;
    const unread = typeof entry === 'function' ? entry(r.attrs) : entry;
    const inputs = r.inputs.map((t, i) => (unread?.inputs?.includes(i) ? undefined : this.hold(t)));
    const output = unread?.output ? undefined : this.hold(r.output);
    this.nodes.push({
      op: r.op,
      attrs: r.attrs,
      inputIds: r.inputs.map((t) => t.id),
      outputId: r.output.id,
      ctx: { inputs, attrs: r.attrs, output, needs },
    });
  }

  private hold(t: Tensor): Tensor {
    const h = engine.keep(engine.withoutListeners(() => engine.view('identity', t, t.shape)));
    this.held.push(h);
    return h;
  }

  /** Frees the handles; the buffers themselves live on while any other tensor uses them. */
  release(): void {
    for (const t of this.held) t.dispose();
    this.held.length = 0;
  }
}
