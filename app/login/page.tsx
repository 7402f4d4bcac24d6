import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/LoginForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only paths on this site: never redirect to wherever a crafted link says.
  const destination = next?.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <section className="max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-neutral-600 dark:text-neutral-400">
        This Fanline is protected by an access token (FANLINE_API_TOKEN). Enter it to start, cancel or re-run runs.
      </p>
      <LoginForm next={destination} />
    </section>
  );
}
