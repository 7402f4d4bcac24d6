import { serde } from "@restatedev/restate-sdk";
import { call, itemKey, type CallContext } from "@/lib/kinds/call";
import { executorFor } from "./executor";

const decoder = new TextDecoder();

/** A handler's response as the subtask's result: JSON when it is JSON, else its text, null when empty. */
function responseValue(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  const text = decoder.decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One call of the user's handler, through Restate: durable, retried by
 * Restate and visible in its UI as a child of this subtask's invocation. A
 * TerminalError from the handler reaches us as one, so the subtask fails at
 * once with the handler's message. The response is read as bytes, so a
 * handler that answers something other than JSON cannot wedge the subtask.
 */
export const callExecutor = executorFor(call, async (ctx, item, { kindContext }) => {
  const { target, key } = kindContext as CallContext;
  const [service, method] = target.split("/");
  const response = await ctx.genericCall({
    service,
    method,
    parameter: item,
    key: key === undefined ? undefined : (itemKey(item, key) ?? undefined),
    inputSerde: serde.json,
    outputSerde: serde.binary,
  });
  return responseValue(response);
});
