/**
 * The diff's WebAssembly modules (src/diff/*.wat, compiled by scripts/make-wasm.mjs): instantiated once, on first use,
 * with memory grown to what a call needs. Pure: no files, the module bytes are in the source.
 */

/** A module's exports, instantiated from its base64 bytes when first asked for. */
export function wasmModule<T extends { memory: WebAssembly.Memory }>(base64: string): () => T {
  let exports: T | null = null;
  return () => (exports ??= new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64'))).exports as unknown as T);
}

/** Grow `memory` to at least `bytes`. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
}
