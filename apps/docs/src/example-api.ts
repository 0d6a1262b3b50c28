import { type PlotSpec, checkPlotSpec } from '@rectify/plot';

export type { PlotSpec, LinePlot, BarPlot, LineSeries } from '@rectify/plot';

/**
 * What every example's `run` receives. The docs page wires it to the output panel and the plot area; the tests
 * wire it to arrays they can assert on.
 */
export interface ExampleContext {
  /** Prints one line: tensors as their `toString()`, numbers as they are, objects as JSON. */
  print(...args: unknown[]): void;
  /** Draws a line or bar plot. */
  plot(spec: PlotSpec): void;
  /** The backend the example runs on: 'cpu' in the tests, 'cpu' or 'gpu' as chosen on the page. */
  readonly backend: string;
  /**
   * A file for the example to read: on the page, the one the reader chose in the file input this call adds to
   * the example (run again after choosing); until then, and in the tests, `request.sample()`.
   */
  file(request: FileRequest): Promise<File>;
}

/** What `ctx.file` asks for: the accepted types, a label for the input, and the sample used until one is chosen. */
export interface FileRequest {
  readonly accept: string;
  readonly label: string;
  readonly sample: () => File;
}

/** Every file in examples/ exports this: it runs, prints, plots, and returns what the tests check. */
export type ExampleRun<R = unknown> = (ctx: ExampleContext) => Promise<R>;

function isTensorLike(v: object): boolean {
  return 'shape' in v && 'dtype' in v && typeof v.toString === 'function';
}

/**
 * One argument of `print` as text.
 * @example formatArg({ loss: 0.5 }) // '{"loss":0.5}'
 */
export function formatArg(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === undefined || v === null)
    return String(v);
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v === 'object' && isTensorLike(v)) return String(v);
  try {
    return JSON.stringify(v, (_k, x: unknown) =>
      ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x,
    );
  } catch {
    return String(v);
  }
}

/** A context that records what an example printed and plotted. */
export interface RecordingContext extends ExampleContext {
  readonly lines: string[];
  readonly plots: PlotSpec[];
}

/**
 * The context the tests (and the page, through its own sinks) give an example.
 * @example
 * const ctx = recordingContext();
 * ctx.print('loss', 0.25);
 * ctx.lines; // ['loss 0.25']
 */
export function recordingContext(
  backend = 'cpu',
  sinks: {
    line?: (s: string) => void;
    plot?: (p: PlotSpec) => void;
    file?: (request: FileRequest) => File | null;
  } = {},
): RecordingContext {
  const lines: string[] = [];
  const plots: PlotSpec[] = [];
  return {
    backend,
    lines,
    plots,
    print: (...args: unknown[]) => {
      const line = args.map(formatArg).join(' ');
      lines.push(line);
      sinks.line?.(line);
    },
    plot: (spec: PlotSpec) => {
      const checked = checkPlotSpec(spec);
      plots.push(checked);
      sinks.plot?.(checked);
    },
    file: async (request: FileRequest) => sinks.file?.(request) ?? request.sample(),
  };
}
