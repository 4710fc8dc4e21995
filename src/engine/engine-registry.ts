import type { EventStore } from "../io/event-store.js";
import type { TrainingEngine } from "../train/training-engine.js";

/** An engine holding an export's events outside the JavaScript heap, to be closed when done. */
export interface HeldEngine extends TrainingEngine {
  close(): void;
}

/** Engines by the time column of the store they were loaded with (views share it, so a split finds its export's engine). */
const engines = new WeakMap<object, HeldEngine>();

/** Records that `engine` holds the events of `events` (and of its views). */
export function registerEngine(events: EventStore, engine: HeldEngine): void {
  engines.set(events.times, engine);
}

/** The engine that loaded this export's events, if it was not the in-process one. */
export function engineOf(events: EventStore): HeldEngine | null {
  return engines.get(events.times) ?? null;
}

/** Closes and forgets the engine of this export's events (no-op without one). */
export function closeEngineOf(events: EventStore): void {
  engines.get(events.times)?.close();
  engines.delete(events.times);
}
