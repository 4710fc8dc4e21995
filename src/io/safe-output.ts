import { createWriteStream, unlinkSync, type WriteStream } from "node:fs";
import { mkdir, open, readdir, realpath, rename, stat, unlink } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

/** A path given on the command line, with the flag that named it (for messages). */
export interface NamedPath {
  readonly flag: string;
  readonly path: string;
}

/**
 * Checks, before any long work, that every output can be written and none
 * resolves (through symbolic links, `..` or another spelling) to an input or
 * to another output: `train --out leads.csv` must not replace the leads.
 * Creates missing output folders and writes, then removes, a probe file in
 * each, so an unwritable folder fails now rather than after training.
 * @throws UsageError "output-is-input" / "output-conflict" / "output-not-writable".
 */
export async function assertOutputsSafe(inputs: readonly (NamedPath | null | undefined)[], outputs: readonly (NamedPath | null | undefined)[]): Promise<void> {
  const inputPaths = new Map<string, NamedPath>();
  for (const input of inputs) {
    if (!input) continue;
    inputPaths.set(await canonicalPath(input.path), input);
  }
  const seen = new Map<string, NamedPath>();
  for (const output of outputs) {
    if (!output) continue;
    const target = await canonicalPath(output.path);
    const input = inputPaths.get(target);
    if (input) {
      throw new UsageError("output-is-input", `${output.flag} ${output.path} is the file given to ${input.flag}; writing it would destroy the input. Choose another output path.`);
    }
    const other = seen.get(target);
    if (other) throw new UsageError("output-conflict", `${output.flag} ${output.path} is the same file as ${other.flag} ${other.path}; give each output its own path.`);
    seen.set(target, output);
    await assertWritable(output);
  }
}

/** Whether a file in an output folder is the command's own: by name and first line, or by name alone (null) for an empty leftover temporary. */
export type OwnFileTest = (name: string, firstLine: string | null) => boolean;

/**
 * Checks that a folder a command fills with files of its own can take them
 * without replacing anything else: it is missing, empty, or holds only
 * files `isOwnFile` recognises (by name and first line) as an earlier run's
 * output — `train-sql --out .` must not replace the project's README.md.
 * Reads nothing but the names and first lines of the folder's files. Then
 * creates the folder if missing and probes that files can be written in it,
 * so that a refusal names the folder, not a file the command would write.
 * @param fix what to do instead, for the message ("give --out a new or empty folder").
 * @throws UsageError "output-not-a-folder" when the path (or a part of it) is a file; "output-folder-not-own" when the folder holds anything else; "output-not-writable" when nothing can be written in it.
 */
export async function assertOwnOutputFolder(output: NamedPath, isOwnFile: OwnFileTest, fix: string): Promise<void> {
  const existing = await stat(output.path).catch((error: NodeJS.ErrnoException) => (error.code === "ENOTDIR" ? "file" : null));
  if (existing === "file" || (existing !== null && !existing.isDirectory())) {
    throw new UsageError("output-not-a-folder", `${output.flag} ${output.path} is a file (or inside one), not a folder: ${fix}.`);
  }
  if (existing !== null) await assertOnlyOwnFiles(output, isOwnFile, fix);
  const reason = await folderWriteFailure(resolve(output.path));
  if (reason !== null) throw new UsageError("output-not-writable", `${output.flag} ${output.path}: cannot write into this folder (${reason}). Choose a writable folder.`);
}

/**
 * Refuses a folder holding anything but `isOwnFile`'s files. A temporary
 * file an interrupted run left there (`openAtomicOutput`'s name, from a
 * process no longer running, empty or starting as one of our files does) is
 * removed, rather than making every later run refuse the folder.
 */
async function assertOnlyOwnFiles(output: NamedPath, isOwnFile: OwnFileTest, fix: string): Promise<void> {
  const foreign: string[] = [];
  for (const entry of (await readdir(output.path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(output.path, entry.name);
    if (!entry.isFile()) {
      foreign.push(entry.name);
      continue;
    }
    const line = await firstLine(path);
    const left = leftoverTemporary(entry.name);
    // An empty leftover holds nothing to lose; a written one must start as our file does.
    if (left !== null && !isRunning(left.pid) && isOwnFile(left.target, line === "" ? null : line)) await unlink(path).catch(() => {});
    else if (!isOwnFile(entry.name, line)) foreign.push(entry.name);
  }
  if (foreign.length > 0) {
    const listed = foreign.slice(0, 3).map((name) => JSON.stringify(name)).join(", ") + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : "");
    throw new UsageError("output-folder-not-own", `${output.flag} ${output.path} holds files leadlift did not write there (${listed}), which could be replaced: ${fix}.`);
  }
}

/** The name `openAtomicOutput` writes `name` under until it is complete: hidden, with the writing process's id. */
function temporaryName(name: string): string {
  return `.${name}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The target name and writer's process id of a `temporaryName`, or null for any other name. */
function leftoverTemporary(name: string): { target: string; pid: number } | null {
  const match = /^\.(.+)\.tmp-(\d+)-[0-9a-z]+$/.exec(name);
  return match ? { target: match[1], pid: Number(match[2]) } : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The first line of a file (at most 200 bytes of it). */
async function firstLine(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(200), 0, 200, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").split("\n")[0];
  } finally {
    await handle.close();
  }
}

/** The absolute path with every existing part resolved (symbolic links, `..`); a missing tail is kept as written. */
async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await canonicalPath(parent), basename(absolute));
  }
}

async function assertWritable(output: NamedPath): Promise<void> {
  const fail = (reason: string): never => {
    throw new UsageError("output-not-writable", `${output.flag} ${output.path}: cannot write there (${reason}). Choose a writable file path.`);
  };
  const existing = await stat(output.path).catch(() => null);
  if (existing?.isDirectory()) fail("it is a directory");
  const reason = await folderWriteFailure(dirname(resolve(output.path)));
  if (reason !== null) fail(reason);
}

/** Creates `folder` if missing and writes, then removes, a probe file in it: why that failed, or null. */
async function folderWriteFailure(folder: string): Promise<string | null> {
  try {
    await mkdir(folder, { recursive: true });
    const probe = join(folder, `.leadlift-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const handle = await open(probe, "wx");
    await handle.close();
    await unlink(probe);
    return null;
  } catch (error) {
    return systemReason(error);
  }
}

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "permission denied",
    EROFS: "read-only file system",
    ENOTDIR: "a part of the path is a file, not a folder",
    EEXIST: "a part of the path is a file, not a folder",
    EISDIR: "it is a directory",
    ENOSPC: "no space left on the device",
  };
  return (code && reasons[code]) ?? (error as Error).message;
}

/** Temporary files not yet renamed into place: removed on failure, on exit and on SIGINT/SIGTERM. */
const pendingTemporaries = new Set<string>();
let signalsInstalled = false;

function removePendingSync(): void {
  for (const path of pendingTemporaries) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
  pendingTemporaries.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePendingSync();
  process.exit(signal === "SIGINT" ? 130 : 143);
}

function track(path: string): void {
  pendingTemporaries.add(path);
  if (!signalsInstalled) {
    signalsInstalled = true;
    process.on("exit", removePendingSync);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
}

function untrack(path: string): void {
  pendingTemporaries.delete(path);
  if (pendingTemporaries.size === 0 && signalsInstalled) {
    signalsInstalled = false;
    process.off("exit", removePendingSync);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** An output being written to a temporary file beside it, renamed into place by `commit`. */
export interface AtomicOutput {
  readonly stream: WriteStream;
  /** Appends text, waiting when the stream's buffer is full. */
  write(text: string): Promise<void>;
  /** Flushes, fsyncs, renames over `path` and fsyncs the folder: the file is complete or absent, never half-written. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is left as it was. Safe to call after `commit`. */
  discard(): Promise<void>;
}

/**
 * Opens `path` for an atomic write: a temporary file in the same folder
 * (so the rename stays on one file system), removed if the run fails or is
 * interrupted (SIGINT, SIGTERM), fsynced before it is renamed over `path`.
 */
export async function openAtomicOutput(path: string): Promise<AtomicOutput> {
  const folder = dirname(resolve(path));
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, temporaryName(basename(path)));
  track(temporary);
  const stream = createWriteStream(temporary, { flags: "wx", encoding: "utf8" });
  let failure: Error | null = null;
  stream.on("error", (error) => {
    failure = error;
  });
  // Opened before anything is written, so that discarding never races a pending open (which would recreate the file).
  await Promise.race([once(stream, "open"), once(stream, "error")]).catch(() => {});
  let done = false;
  const check = () => {
    if (failure) throw failure;
  };
  return {
    stream,
    async write(text) {
      check();
      // events.once rejects on "error" too: a separate once(stream, "error") would stay registered after each drain.
      if (!stream.write(text)) await once(stream, "drain").catch(() => {});
      check();
    },
    async commit() {
      check();
      stream.end();
      await once(stream, "finish");
      check();
      const handle = await open(temporary, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path);
      done = true;
      untrack(temporary);
      await syncFolder(folder);
    },
    async discard() {
      if (done) return;
      done = true;
      if (!stream.closed) {
        const closed = once(stream, "close").catch(() => {});
        stream.destroy();
        await closed;
      }
      await unlink(temporary).catch(() => {});
      untrack(temporary);
    },
  };
}

/** Writes `text` to `path` atomically (see `openAtomicOutput`). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const output = await openAtomicOutput(path);
  try {
    await output.write(text);
    await output.commit();
  } finally {
    await output.discard();
  }
}

/** Makes a rename durable; some file systems cannot fsync a folder, which is not an error. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (e.g. some network file systems): the rename itself is still atomic.
  }
}
