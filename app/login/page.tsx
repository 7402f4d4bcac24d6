import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/safe-next";

export const metadata: Metadata = { title: "Sign in" };

/** Why a sign-in posted without the page's script came back here (see app/api/session). */
const ERRORS: Record<string, string> = {
  wrong: "That access token is not right.",
  limited: "Too many wrong access tokens: wait a minute, then try again.",
  invalid: "The sign-in did not go through; try again.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const { next, error } = await searchParams;
  return (
    <section className="max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-neutral-600 dark:text-neutral-400">
        This Fanline is protected by an access token (FANLINE_API_TOKEN). Enter it to start, cancel or re-run runs.
      </p>
      {/* Only paths on this site: never redirect to wherever a crafted link says. */}
      <LoginForm next={safeNextPath(next)} initialError={error ? (ERRORS[error] ?? ERRORS.invalid) : null} />
    </section>
  );
}
