/** What a model learns: a class per sample, a number per sample, or the next token after a window of tokens. */
export type Task = 'classification' | 'regression' | 'sequence';

/**
 * `n` samples stored flat: `x` holds `n × prod(inputShape)` numbers, `y` holds `n × prod(targetShape)` numbers —
 * class indices for classification and sequences, target values for regression.
 */
export interface Split {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly n: number;
}

/** A loaded dataset with a fixed held-out `test` split; validation is carved out of `train` by the trainer. */
export interface Dataset {
  readonly name: string;
  readonly task: Task;
  /** Shape of one input sample, e.g. `[4]` for iris, `[28, 28, 1]` for MNIST as images. */
  readonly inputShape: readonly number[];
  /** Shape of one target: `[]` for a class index, a next-token id or a scalar. */
  readonly targetShape: readonly number[];
  /** Number of classes (vocabulary size for sequences); 1 for regression. */
  readonly numClasses: number;
  readonly classNames?: readonly string[];
  readonly featureNames?: readonly string[];
  /** Token strings for sequence datasets, index = token id. */
  readonly vocabulary?: readonly string[];
  /** Per-feature statistics applied to both splits when standardisation was asked for (fitted on train). */
  readonly standardizer?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  readonly train: Split;
  readonly test: Split;
}

/** Options every loader accepts; loaders ignore what does not apply to them. */
export interface LoadOptions {
  /** Feature layout for image datasets: flat vectors (`[784]`) or images (`[28, 28, 1]`). */
  readonly layout?: 'flat' | 'image';
  /** Standardise each feature to zero mean and unit variance using train-split statistics. */
  readonly standardize?: boolean;
  /** Keep at most this many training samples (the test split is untouched), for quick runs. */
  readonly limit?: number;
  /** Sequence length for the character corpus. */
  readonly seqLen?: number;
  /** The character corpus: the one next token after each window ('next', default) or at every position ('sequence'). */
  readonly targets?: 'next' | 'sequence';
  /** `csv:` datasets: the target column. */
  readonly target?: string;
  /** `csv:` datasets: the field separator (default: detected from the header line). */
  readonly delimiter?: string;
  /** `csv:` datasets: read exactly these feature columns, by name (a saved model's training columns). */
  readonly features?: readonly string[];
  /** Generated datasets: number of samples. */
  readonly samples?: number;
  /** Generated datasets: Gaussian noise added to each coordinate. */
  readonly noise?: number;
}

/**
 * One built-in dataset: static facts for `rectify datasets` and a loader. The registry is derived from the list
 * of these definitions, never kept as a second list.
 */
export interface DatasetDefinition {
  readonly name: string;
  readonly task: Task;
  readonly summary: string;
  /** Samples × features, classes, and the train / test sizes, e.g. `150 × 4, 3 classes (120 / 30)`. */
  readonly size: string;
  /** Where the data comes from: the npm or Debian package, or "generated". */
  readonly source: string;
  /** `true`, or the reason the data cannot be loaded on this machine (e.g. a Debian package not installed). */
  available(): true | string;
  load(options: LoadOptions): Dataset;
}
