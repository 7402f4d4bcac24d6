"use client";

// Catches rendering bugs in the dashboard itself; API failures are handled in place by the views.
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="text-neutral-600 dark:text-neutral-400">
        {error instanceof Error ? error.message : "The page failed to render."}
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="rounded-md bg-[#0072B2] px-4 py-2 font-medium text-white"
      >
        Try again
      </button>
    </div>
  );
}
