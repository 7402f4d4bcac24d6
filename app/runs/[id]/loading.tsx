import { RunSkeleton } from "@/components/run/RunSkeleton";

export default function Loading() {
  return <RunSkeleton />;
}
