import { NextResponse } from "next/server";
import { requireAccess } from "@/lib/server/auth";
import { loadCallTargets } from "@/lib/server/call-targets";
import { restateFailure } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** The handlers the `call` kind may invoke, for the form's picker. */
export async function GET(request: Request) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  try {
    return NextResponse.json(await loadCallTargets());
  } catch (error) {
    return restateFailure(error);
  }
}
