import "server-only";
import { LIMITS } from "@/lib/limits";

export type BodyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413; error: string };

/** Reads a JSON body of at most LIMITS.maxBodyBytes, with a clear message for each way it can be wrong. */
export async function readJsonBody(request: Request): Promise<BodyResult> {
  const tooLarge = { ok: false, status: 413, error: `The request body is larger than ${LIMITS.maxBodyBytes} bytes.` } as const;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.maxBodyBytes) return tooLarge;
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > LIMITS.maxBodyBytes) return tooLarge;
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return { ok: false, status: 400, error: "The request body is empty: send a JSON object." };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: "The request body is not valid JSON." };
  }
}
