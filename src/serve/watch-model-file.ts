import { stat } from "node:fs/promises";

/**
 * What tells one version of a file from the next: inode (a file renamed
 * over it), size, and modification and change times in nanoseconds; null
 * when the file cannot be read (a reload then reports why).
 */
export async function fileVersion(path: string): Promise<string | null> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

/**
 * Checks `path` every `intervalMs` and calls `onChange` when its version
 * differs from the last one seen, starting from `loaded` — the version read
 * before the file was loaded. Why not `fs.watchFile`: it takes its first
 * look asynchronously after it starts, so a model replaced between the
 * service's first load and that look was never reloaded (a test saw it
 * under load). Returns a function that stops watching.
 */
export function watchModelFile(path: string, loaded: string | null, intervalMs: number, onChange: () => void): () => void {
  let seen = loaded;
  let checking = false;
  let stopped = false;
  const timer = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      const version = await fileVersion(path);
      // A look already under way when watching stopped reports nothing.
      if (!stopped && version !== seen) {
        seen = version;
        onChange();
      }
    } finally {
      checking = false;
    }
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
