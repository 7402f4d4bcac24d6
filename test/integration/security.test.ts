import assert from "node:assert/strict";
import http2 from "node:http2";
import { describe, it } from "node:test";
import { runInput, useTestStack } from "../support/test-stack";

/** POSTs to the services endpoint directly, as anyone on the network could, without Restate's signature. */
function unsignedCall(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on("error", reject);
    const request = client.request({ ":method": "POST", ":path": "/invoke/FanlineSubtask/execute", "content-type": "application/json" });
    request.on("response", (headers) => {
      resolve(Number(headers[":status"]));
      client.close();
    });
    request.on("error", reject);
    request.end(JSON.stringify({}));
  });
}

describe("request signing between Restate and the services", () => {
  const stack = useTestStack({ signRequests: true });

  it("serves Restate's signed requests and refuses unsigned ones", async () => {
    await stack().run("signed").workflowSubmit(runInput({ kind: "noop", description: "a,b,c" }));
    assert.deepEqual(await stack().run("signed").workflowAttach(), { succeeded: 3, failed: 0 });
    assert.equal(await unsignedCall(stack().env.servicePort), 401);
  });

  it("binds every server to loopback", async () => {
    for (const url of [stack().ingressUrl, stack().adminUrl]) assert.match(url, /^http:\/\/127\.0\.0\.1:/);
    const listening = await stack().sql<{ n: number }>("SELECT COUNT(*) AS n FROM sys_deployment WHERE endpoint LIKE 'http://127.0.0.1:%'");
    assert.equal(Number(listening[0].n), 1, "the services are registered on loopback");
  });
});

describe("without request signing (the loopback development default)", () => {
  const stack = useTestStack();

  it("the same unsigned call reaches the services, which is why signing matters beyond loopback", async () => {
    assert.notEqual(await unsignedCall(stack().env.servicePort), 401);
  });
});
