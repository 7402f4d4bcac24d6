import { Suspense } from "react";
import { RecentRuns } from "@/components/runs/RecentRuns";
import { SubmitRunForm } from "@/components/runs/SubmitRunForm";

export default function HomePage() {
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Fanline</h1>
        <p className="max-w-2xl text-neutral-600 dark:text-neutral-400">
          Split a task into subtasks, run them in parallel on Restate, and watch them fan back in. Runs are durable:
          they carry on through crashes and restarts.
        </p>
      </header>
      <SubmitRunForm />
      {/* The list reads its filter and page from the query string. */}
      <Suspense fallback={null}>
        <RecentRuns />
      </Suspense>
    </div>
  );
}
