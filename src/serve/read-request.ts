import type { IncomingMessage } from "node:http";

/** A request the service refuses, with the HTTP status and the field at fault. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Refuses a body that is not declared as JSON (415): `application/json` or
 * a `+json` type, in UTF-8 when a charset is given. Checked before the body
 * is read, so a client sending text or a form learns it at once.
 */
export function assertJsonContentType(request: IncomingMessage): void {
  const header = request.headers["content-type"] ?? "";
  if (header === "application/json") return; // what nearly every client sends: no parsing needed
  const [type, ...parameters] = header.split(";").map((part) => part.trim().toLowerCase());
  const isJson = type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
  const charset = parameters.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "");
  if (!isJson || (charset !== undefined && charset !== "utf-8" && charset !== "utf8")) {
    throw new RequestError(415, "unsupported-media-type", null, `Content-Type must be application/json (UTF-8), got ${JSON.stringify(header || "(none)")}.`);
  }
}

/**
 * The parsed JSON body, refusing bodies over `maxBytes` as soon as they pass
 * the limit (413, without reading the rest) and malformed JSON (400).
 * Read with stream events rather than an async iterator, which costs a
 * promise and listeners per request on the service's hot path.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new RequestError(413, "body-too-large", null, `Request body of ${declared} bytes is over the ${maxBytes}-byte limit.`));
  }
  return new Promise((resolve, reject) => {
    let first: Buffer | null = null;
    let more: Buffer[] | null = null;
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanUp();
        reject(new RequestError(413, "body-too-large", null, `Request body is over the ${maxBytes}-byte limit.`));
        return;
      }
      if (first === null) first = chunk;
      else (more ??= [first]).push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      const text = more !== null ? Buffer.concat(more).toString("utf8") : first !== null ? first.toString("utf8") : "";
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new RequestError(400, "malformed-json", null, `Request body is not valid JSON: ${(error as Error).message}`));
      }
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    // A client that goes away mid-body: the error an async iterator would have thrown.
    const onClose = () => onError(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    const cleanUp = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}

/** One scoring request, checked field by field. */
export interface ScoreRequest {
  readonly lead: Record<string, unknown>;
  readonly events: Array<{ action: string; occurred_at?: string | number; occurredAt?: string | number }>;
  readonly at: string | number;
}

/**
 * Checks `{ lead: {...}, events?: [{ action, occurred_at }], at? }`, naming
 * the first field that is wrong (`events[2].action`). `at` defaults to now.
 */
export function parseScoreRequest(body: unknown, prefix = "", now = Date.now()): ScoreRequest {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (!isObject(body)) throw new RequestError(400, "invalid-request", prefix || null, `${prefix || "Body"}: expected a JSON object, got ${describe(body)}.`);
  if (!isObject(body.lead)) throw new RequestError(400, "invalid-request", field("lead"), `${field("lead")}: expected an object of lead fields, got ${describe(body.lead)}.`);
  const events = body.events ?? [];
  if (!Array.isArray(events)) throw new RequestError(400, "invalid-request", field("events"), `${field("events")}: expected an array, got ${describe(events)}.`);
  events.forEach((event, i) => {
    const path = field(`events[${i}]`);
    if (!isObject(event)) throw new RequestError(400, "invalid-request", path, `${path}: expected an object, got ${describe(event)}.`);
    if (typeof event.action !== "string" || event.action === "") {
      throw new RequestError(400, "invalid-request", `${path}.action`, `${path}.action: expected a non-empty string, got ${describe(event.action)}.`);
    }
  });
  const at = body.at ?? now;
  if (typeof at !== "string" && typeof at !== "number") throw new RequestError(400, "invalid-request", field("at"), `${field("at")}: expected an ISO 8601 date, got ${describe(at)}.`);
  return { lead: body.lead, events: events as ScoreRequest["events"], at };
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
