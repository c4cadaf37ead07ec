/**
 * Waits for a condition that is not on screen (e.g. how many requests were made): the renderer's waitFor only checks
 * again when the card renders.
 */
export async function until(check: () => boolean, timeoutMs = 1_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
