import { afterAll } from "vitest";
import { removeTempFiles } from "../helpers/temp-files.js";

// Each test file's temporary folders go when the file is done, not into /tmp for good.
afterAll(() => removeTempFiles());
