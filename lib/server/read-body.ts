import "server-only";
import { LIMITS } from "@/lib/limits";

export type BodyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413; error: string };

/**
 * A request body of at most `limitBytes`, or null when it is larger. Reads the
 * stream chunk by chunk and stops at the limit, so a chunked body with no
 * Content-Length (or one that lies) is never held whole: the caller answers
 * 413 at once. Every route reads its body through here, each with its limit.
 */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : bytes % 1024 === 0
      ? `${bytes / 1024} KiB`
      : `${bytes} bytes`;
}

export function tooLargeMessage(limitBytes: number): string {
  return `The request body is larger than ${describeBytes(limitBytes)}.`;
}

export type TextBody = { ok: true; text: string } | { ok: false; status: 413; error: string };

/** A body as text, at most `limitBytes` (CSV, JSON Lines, an optional JSON body). */
export async function readBoundedText(request: Request, limitBytes: number): Promise<TextBody> {
  const bytes = await readBodyBytes(request, limitBytes);
  if (!bytes) return { ok: false, status: 413, error: tooLargeMessage(limitBytes) };
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

/** Reads a JSON body of at most `limitBytes`, with a clear message for each way it can be wrong. */
export async function readJsonBody(request: Request, limitBytes: number = LIMITS.maxBodyBytes): Promise<BodyResult> {
  const bytes = await readBodyBytes(request, limitBytes);
  if (!bytes) return { ok: false, status: 413, error: tooLargeMessage(limitBytes) };
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return { ok: false, status: 400, error: "The request body is empty: send a JSON object." };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: "The request body is not valid JSON." };
  }
}
