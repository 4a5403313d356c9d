// gzip for raw payloads stored in D1 (documents.raw), with a hard cap on the inflated size so a
// compression bomb cannot exhaust the isolate's memory.
async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`inflated size exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return collect(streamOf(bytes).pipeThrough(new CompressionStream("gzip")), Number.MAX_SAFE_INTEGER);
}

export async function gunzip(bytes: Uint8Array, maxBytes = 64 * 1024 * 1024): Promise<Uint8Array> {
  return collect(streamOf(bytes).pipeThrough(new DecompressionStream("gzip")), maxBytes);
}
