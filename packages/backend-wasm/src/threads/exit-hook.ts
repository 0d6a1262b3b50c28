import { isNode } from '../runtime/platform.js';

const live = new Set<{ shutdown(): void }>();
let hooked = false;

/**
 * Shuts pools down when the Node process exits. Workers are unref'd, so they never hold a process open; this makes
 * sure they are also stopped, not merely abandoned, on the way out.
 */
export function shutdownOnExit(pool: { shutdown(): void }): () => void {
  live.add(pool);
  if (isNode && !hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const p of live) p.shutdown();
      live.clear();
    });
  }
  return () => live.delete(pool);
}
