import { FacetsError } from '../core/errors.js';

/**
 * Writes `bytes` to `path` so that a crash at any moment leaves either the old file or the new
 * one, never a mix: write a temp file beside it, fsync, rename over the target (atomic on POSIX),
 * fsync the folder. A lock file `<path>.lock` (created exclusively, holding the writer's pid)
 * keeps a second writer out; a lock whose process is gone is taken over.
 * throws: E_IO when the lock is held by a live process or the write fails.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const lock = `${path}.lock`;
  await acquireLock(lock);
  const tmp = `${path}.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    const fh = await fs.open(tmp, 'w');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, path);
    try {
      const dir = await fs.open(nodePath.dirname(path), 'r');
      await dir.sync().finally(() => dir.close());
    } catch {
      // Some file systems cannot fsync a directory; the rename itself is still atomic.
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new FacetsError('E_IO', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    await fs.rm(lock, { force: true });
  }
}

async function acquireLock(lock: string): Promise<void> {
  const fs = await import('node:fs/promises');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fs.open(lock, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new FacetsError('E_IO', `cannot create lock ${lock}: ${(e as Error).message}`, { cause: e });
      const pid = Number(await fs.readFile(lock, 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new FacetsError('E_IO', `${lock} is held by process ${pid}; another writer is saving this file`);
      }
      await fs.rm(lock, { force: true }); // stale: its writer died
    }
  }
  throw new FacetsError('E_IO', `cannot acquire ${lock}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
