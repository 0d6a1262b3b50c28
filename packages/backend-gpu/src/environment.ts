/**
 * Facts about where the backend runs, for choosing its default priority and for `info`. A software rasterizer
 * (SwiftShader, llvmpipe) runs GL kernels far slower than the CPU backend: correct, but not a default.
 */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface RendererInfo {
  readonly UNMASKED_RENDERER_WEBGL: number;
}

/** The GL renderer's name in a browser (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))"), null elsewhere. */
export function glRenderer(): string | null {
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): HTMLCanvasElement } }).document;
  if (!doc) return null;
  try {
    const canvas = doc.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info') as RendererInfo | null;
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERER.test(renderer);
}
