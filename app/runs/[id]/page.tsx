import type { Metadata } from "next";
import { RunView } from "@/components/run/RunView";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Run ${id}` };
}

/** The page only resolves the id; everything live happens in the client component. */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  return <RunView key={id} id={id} />;
}
