import { NextResponse } from "next/server";
import { restateAdminUrl } from "@/lib/server/admin";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** What the dashboard needs to link into Restate's own UI for an invocation. */
export function GET(request: Request) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  return NextResponse.json({ restateUiUrl: `${restateAdminUrl()}/ui` });
}
