/**
 * Registers (or re-registers) the services endpoint with Restate. `force`
 * makes it idempotent: registering the same endpoint again just updates it.
 */
export async function registerDeployment(adminUrl: string, serviceUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${adminUrl}/deployments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ uri: serviceUrl, force: true }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return;
      lastError = `${response.status} ${await response.text()}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Could not register ${serviceUrl} with Restate at ${adminUrl}: ${lastError}`);
}
