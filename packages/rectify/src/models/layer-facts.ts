import type { Layer } from '@rectify/layers';

/** The activation as config names it ('relu', 'linear'), or '—' for layers without one. */
export function activationOf(layer: Layer): string {
  const a = (layer.getConfig() as unknown as Record<string, unknown>)['activation'];
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string')
    return (a as { name: string }).name;
  return '—';
}

/** The config of the initializer of the layer's main weight (kernel, or embeddings …), or undefined. */
export function mainInitializerConfig(layer: Layer): Record<string, unknown> | undefined {
  const config = layer.getConfig() as unknown as Record<string, unknown>;
  const key =
    'kernelInitializer' in config
      ? 'kernelInitializer'
      : Object.keys(config).find((k) => k.endsWith('Initializer') && !/bias|beta|gamma|moving/i.test(k));
  const v = key ? config[key] : undefined;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}
