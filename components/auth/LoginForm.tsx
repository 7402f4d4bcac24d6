"use client";

import { useState, type FormEvent } from "react";

/**
 * Signs in with the access token. With the page's script running, it posts
 * JSON and shows errors in place; before that (or without it), the browser
 * posts the form itself, urlencoded, and the server redirects.
 */
export function LoginForm({ next, initialError }: { next: string; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const token = new FormData(event.currentTarget).get("token");
    const response = await fetch("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      // A full load, not router.push: the client router cached the pages it
      // prefetched before sign-in as redirects to this page.
      window.location.assign(next);
      return;
    }
    const body = await response?.json().catch(() => null);
    setError(body?.error ?? "The dashboard did not answer; try again.");
  }

  return (
    // POST, so a submit before the page is interactive never puts the token in the URL.
    <form onSubmit={submit} method="post" action="/api/session" className="mt-6 space-y-3" noValidate>
      <label htmlFor="token" className="block text-sm font-medium">
        Access token
      </label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "token-error" : undefined}
        className="w-full rounded border border-neutral-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-[#0072B2] dark:border-neutral-700 dark:bg-neutral-900"
      />
      <input type="hidden" name="next" value={next} />
      {error && (
        <p id="token-error" role="alert" className="text-sm text-[#B34F00] dark:text-[#E07B39]">
          ✕ {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-[#0072B2] px-4 py-2 font-medium text-white hover:bg-[#005a8c] focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-[#0072B2] disabled:opacity-60"
      >
        Sign in
      </button>
    </form>
  );
}
