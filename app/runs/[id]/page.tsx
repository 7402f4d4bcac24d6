import type { Metadata } from "next";
import { Suspense } from "react";
import { RunSkeleton } from "@/components/run/RunSkeleton";
import { RunView } from "@/components/run/RunView";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id}` };
}

/** The page only resolves the id; everything live (and the view in the query string) is the client component's. */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  return (
    <Suspense fallback={<RunSkeleton />}>
      <RunView key={id} id={id} />
    </Suspense>
  );
}
