import type { SubtaskRecord } from "@/lib/records";
import type { TestStack } from "./test-stack";

/** Every record of a run, from the workflow's own query (what the API builds its deltas from); none if the run is unknown. */
export async function runRecords(stack: TestStack, id: string): Promise<SubtaskRecord[]> {
  const all: SubtaskRecord[] = [];
  for (let from: number | null = 0; from !== null;) {
    const page = await stack.run(id).subtasks({ since: 0, from });
    if (!page) return [];
    all.push(...page.subtasks);
    from = page.next;
  }
  return all;
}
