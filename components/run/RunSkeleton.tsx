import { Skeleton } from "@/components/ui/Skeleton";

/** The run page's shape before its data arrives, so nothing jumps when it does. */
export function RunSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading run" className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-5 w-1/2" />
      </div>
      <div className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-3 w-full" />
        <Skeleton className="h-5 w-3/4" />
      </div>
      <div className="space-y-2">
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} className="h-6 w-full" />
        ))}
      </div>
    </div>
  );
}
