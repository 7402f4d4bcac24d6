import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LogMetadata } from "@restatedev/restate-sdk";
import { sdkLogger } from "@/restate/sdk-log";

function capture(level?: string) {
  const lines: string[] = [];
  const sink = (...parts: unknown[]) => void lines.push(parts.join(" "));
  const log = sdkLogger(level, { info: sink, warn: sink, error: sink });
  const at = (source: string, lvl: string, message: string, replaying = false) =>
    log({ source, level: lvl, replaying } as unknown as LogMetadata, message);
  return { lines, at };
}

describe("the services' SDK log", () => {
  it("drops the per-invocation lifecycle lines and keeps warnings, errors and what handlers log", () => {
    const { lines, at } = capture(undefined);
    at("JOURNAL", "info", "Starting invocation.");
    at("JOURNAL", "info", "Invocation completed successfully.");
    at("JOURNAL", "warn", "Error when processing the invocation");
    at("USER", "info", "Aggregated result: 3 words");
    at("SYSTEM", "info", "Listening");
    at("USER", "info", "replayed line", true);
    assert.deepEqual(
      lines.map((l) => l.replace(/^\[restate\]\[[^\]]+\] /, "")),
      ["WARN: Error when processing the invocation", "INFO: Aggregated result: 3 words", "INFO: Listening"],
    );
  });

  it("brings them back when RESTATE_LOGGING asks for INFO, and drops more at ERROR", () => {
    const info = capture("INFO");
    info.at("JOURNAL", "info", "Starting invocation.");
    assert.equal(info.lines.length, 1);
    const error = capture("error");
    error.at("USER", "info", "a");
    error.at("JOURNAL", "warn", "b");
    error.at("JOURNAL", "error", "c");
    assert.equal(error.lines.length, 1);
  });
});
