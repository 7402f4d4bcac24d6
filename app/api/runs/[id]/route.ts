import { NextResponse } from "next/server";
import { handleKnownRun } from "@/lib/server/run-route";

export const dynamic = "force-dynamic";

/** A run's summary: status, counts, timestamps and, once done, the aggregate. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "read", async (summary) => NextResponse.json(summary));
}
