import type { BuildResult, Plugin } from 'esbuild';

export interface BrowserBundleOptions {
  readonly source?: string;
  readonly entry?: string;
  readonly resolveDir?: string;
  readonly outdir: string;
  readonly minify?: boolean;
  readonly write?: boolean;
  readonly plugins?: Plugin[];
}

export declare function bundleForBrowser(options: BrowserBundleOptions): Promise<BuildResult>;
