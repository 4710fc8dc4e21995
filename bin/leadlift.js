#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx's loader, so `leadlift` works
// from a fresh install without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
