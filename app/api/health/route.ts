import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** The dashboard process is up (used by the scripts to know when it serves). */
export function GET() {
  return NextResponse.json({ ok: true });
}
