import { NextResponse } from "next/server";
import { requireAccess } from "@/lib/server/auth";
import { partsHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

/** `{restate, services}`: each "up", "down" or (services only) "unknown". */
export async function GET(request: Request) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  return NextResponse.json(await partsHealth());
}
