// A Restate service of the tests' own, deployed apart from Fanline's services,
// for the `call` kind: a service, a virtual object with keys, a handler that
// refuses some items with a TerminalError, and a slow one. Run as a script it
// serves them on SERVICE_PORT; `startUserService` starts and registers it.
import "@/restate/polyfill";
import http2 from "node:http2";
import * as restate from "@restatedev/restate-sdk";
import { registerDeployment } from "@/scripts/stack/register";
import type { Managed } from "@/scripts/stack/process";
import { startServices } from "@/scripts/stack/services";
import { freePort } from "@/scripts/stack/ports";

export interface TextItem {
  id: string;
  text: string;
}

/** What `TestText/stats` answers for an item: the tests check every result against this. */
export function expectedStats(item: TextItem) {
  return { id: item.id, characters: item.text.length, words: item.text.split(/\s+/).filter(Boolean).length };
}

export const testText = restate.service({
  name: "TestText",
  handlers: {
    stats: async (_ctx: restate.Context, item: TextItem) => {
      if (item.text.includes("refuse")) throw new restate.TerminalError(`Refused item ${item.id}: "${item.text}"`);
      // "fail:<message>" fails with exactly that message, for error groups.
      if (item.text.startsWith("fail:")) throw new restate.TerminalError(item.text.slice(5));
      return expectedStats(item);
    },
    slow: async (ctx: restate.Context, item: { id: string; ms: number }) => {
      await ctx.sleep(Number(item.ms), "slow work");
      return { id: item.id, slept: Number(item.ms) };
    },
  },
});

export const testCounter = restate.object({
  name: "TestCounter",
  handlers: {
    add: async (ctx: restate.ObjectContext, item: { id: string; amount: number }) => {
      const total = ((await ctx.get<number>("total")) ?? 0) + Number(item.amount);
      ctx.set("total", total);
      return { key: ctx.key, total };
    },
    get: restate.handlers.object.shared(
      async (ctx: restate.ObjectSharedContext) => (await ctx.get<number>("total")) ?? 0,
    ),
  },
});

if (process.argv[1] === import.meta.filename) {
  const server = http2.createServer(restate.createEndpointHandler({ services: [testText, testCounter] }));
  server.listen(Number(process.env.SERVICE_PORT), process.env.SERVICE_HOST ?? "127.0.0.1");
  process.on("SIGTERM", () => process.exit(0));
}

/** Starts this file as its own process on a free port and registers it with Restate as a separate deployment. */
export async function startUserService(adminUrl: string): Promise<Managed> {
  const port = await freePort();
  const managed = await startServices({
    entry: "test/support/user-service.ts",
    name: "user-service",
    host: "127.0.0.1",
    port,
    quiet: !process.env.FANLINE_TEST_VERBOSE,
  });
  try {
    await registerDeployment(adminUrl, `http://127.0.0.1:${port}`);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return managed;
}
