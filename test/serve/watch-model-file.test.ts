import { renameSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { fileVersion, watchModelFile } from "../../src/serve/watch-model-file.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("watchModelFile", () => {
  it("reports a file replaced after its version was taken but before watching started (the first look is not the baseline)", async () => {
    const { "model.json": path } = writeTempFiles({ "model.json": "{}" });
    const loaded = await fileVersion(path);
    writeFileSync(`${path}.tmp`, "{}");
    renameSync(`${path}.tmp`, path);
    const onChange = vi.fn();
    const stop = watchModelFile(path, loaded, 10, onChange);
    try {
      await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 10_000, interval: 10 });
    } finally {
      stop();
    }
  });

  it("stays quiet while the file is unchanged, then reports one change once", async () => {
    const { "model.json": path } = writeTempFiles({ "model.json": "{}" });
    const onChange = vi.fn();
    const stop = watchModelFile(path, await fileVersion(path), 10, onChange);
    try {
      await pause(100);
      expect(onChange).not.toHaveBeenCalled();
      writeFileSync(path, '{"a":1}');
      await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 10_000, interval: 10 });
      await pause(100);
      expect(onChange).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });

  it("reports a deleted file (the reload then says why it failed) and stops when told", async () => {
    const { "model.json": path } = writeTempFiles({ "model.json": "{}" });
    const onChange = vi.fn();
    const stop = watchModelFile(path, await fileVersion(path), 10, onChange);
    rmSync(path);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 10_000, interval: 10 });
    stop();
    writeFileSync(path, "{}");
    await pause(100);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(await fileVersion(path)).not.toBeNull();
  });
});
