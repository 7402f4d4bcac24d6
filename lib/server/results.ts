import "server-only";
import { withRetryReports } from "@/lib/retry-report";
import { CsvColumns, resultRecord, type ResultFormat, type ResultRecord } from "@/lib/results";
import { isSubtaskFinished, type SubtaskStatus } from "@/lib/status";
import { retryReportsClient, runClient } from "./restate";

export interface ResultsFilter {
  status?: SubtaskStatus;
  /** Only subtasks that finished (a run still going downloads what has finished so far). */
  finishedOnly: boolean;
}

/** Run `id`'s subtasks in input order, a page of Restate state at a time, retry reports laid over them. */
export async function* resultRecords(id: string, filter: ResultsFilter): AsyncGenerator<ResultRecord> {
  const { reports } = await retryReportsClient(id).changes({ since: 0 });
  for (let from: number | null = 0; from !== null;) {
    const page = await runClient(id).results({ from });
    if (!page) return;
    for (const row of page.rows) {
      const [record] = withRetryReports([row.record], reports);
      if (filter.finishedOnly && !isSubtaskFinished(record.status)) continue;
      if (filter.status && record.status !== filter.status) continue;
      yield resultRecord({ record, input: row.input });
    }
    from = page.next;
  }
}

/**
 * The download as a stream, so a big run is never held whole. JSON Lines is
 * one pass; CSV needs its columns first (object fields become columns), so it
 * reads the records once for the columns and once more for the rows.
 */
export function resultsStream(id: string, format: ResultFormat, filter: ResultsFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      try {
        if (format === "jsonl") {
          for await (const record of resultRecords(id, filter))
            controller.enqueue(encoder.encode(JSON.stringify(record) + "\n"));
        } else {
          const columns = new CsvColumns();
          for await (const record of resultRecords(id, filter)) columns.add(record);
          // A byte-order mark, so spreadsheets read the file as UTF-8.
          controller.enqueue(encoder.encode("\uFEFF" + columns.header()));
          for await (const record of resultRecords(id, filter)) controller.enqueue(encoder.encode(columns.row(record)));
        }
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}
