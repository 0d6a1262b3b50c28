const live = new Set<{ shutdown(): void }>();
let hooked = false;

/**
 * Shuts pools down when the process exits (`onExit` is the platform's hook; Node's). Workers are unref'd, so they
 * never hold a process open; this makes sure they are also stopped, not merely abandoned, on the way out.
 */
export function shutdownOnExit(pool: { shutdown(): void }, onExit: (fn: () => void) => void): () => void {
  live.add(pool);
  if (!hooked) {
    hooked = true;
    onExit(() => {
      for (const p of live) p.shutdown();
      live.clear();
    });
  }
  return () => live.delete(pool);
}
