// The dashboard's one way to call the Fanline API: a non-2xx answer becomes an
// ApiError carrying the status, so views can tell "not found" (stop, say so)
// from "Restate is down" (keep retrying) without parsing strings.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The parsed JSON body, for callers that want more than `error` (the form reads `issues`). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Status 0 stands for "no HTTP answer at all" (network down, dev server restarting). */
export const NO_RESPONSE = 0;

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", ...init });
  } catch {
    throw new ApiError(NO_RESPONSE, "The dashboard server did not answer.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, errorMessage(body) ?? `Request failed (${response.status}).`, body);
  }
  return body as T;
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body === "object" && body !== null && "error" in body && typeof body.error === "string") {
    return body.error;
  }
  return undefined;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The request got no HTTP answer: the dashboard's server is down or restarting. */
export function isNoResponse(error: unknown): boolean {
  return error instanceof ApiError && error.status === NO_RESPONSE;
}
