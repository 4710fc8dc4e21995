/** A typed array of the same kind as `array`, `capacity` long, holding its values: growable buffers without per-item objects. */
export function growArray<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}
