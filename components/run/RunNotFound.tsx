import Link from "next/link";

export function RunNotFound({ id }: { id: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Run not found</h1>
      <p className="text-neutral-600 dark:text-neutral-400">
        There is no run with id <span className="font-mono">{id}</span>. It may have been mistyped, or the Restate data
        it lived in has been reset.
      </p>
      <Link href="/" className="inline-block text-[#0072B2] underline dark:text-[#56B4E9]">
        Back to all runs
      </Link>
    </div>
  );
}
