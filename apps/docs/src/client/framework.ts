/** The modules an example may import, as the page provides them to edited code. */
export type FrameworkModules = Readonly<Record<string, Record<string, unknown>>>;

let loading: Promise<FrameworkModules> | undefined;

/**
 * Loads the framework once (a separate chunk: pages without examples never download it).
 * @example const rf = (await loadFramework())['@rectify/rectify'];
 */
export function loadFramework(): Promise<FrameworkModules> {
  loading ??= Promise.all([
    import('@rectify/rectify'),
    import('@rectify/tensor'),
    import('@rectify/autograd'),
    import('@rectify/activations'),
    import('@rectify/initializers'),
    import('@rectify/layers'),
  ]).then(([rectify, tensor, autograd, activations, initializers, layers]) => ({
    '@rectify/rectify': rectify,
    '@rectify/tensor': tensor,
    '@rectify/autograd': autograd,
    '@rectify/activations': activations,
    '@rectify/initializers': initializers,
    '@rectify/layers': layers,
  }));
  return loading;
}
