import "server-only";

export type TextBody = { ok: true; text: string } | { ok: false; status: 413; error: string };

/**
 * A request body as text, at most `limit` bytes: refused from its declared
 * length when it says, and otherwise read chunk by chunk and abandoned the
 * moment it passes the limit, so an oversized body is never held whole.
 */
export async function readBoundedText(request: Request, limit: number): Promise<TextBody> {
  const tooLarge = { ok: false, status: 413, error: `The request body is larger than ${describeBytes(limit)}.` } as const;
  if (Number(request.headers.get("content-length") ?? "0") > limit) return tooLarge;
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

export function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
