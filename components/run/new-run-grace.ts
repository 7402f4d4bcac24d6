import { isNotFound } from "@/lib/ui/fetch-json";

/*
 * The workflow's queries answer "no such run" until the run's first step has
 * stored its state, a moment after the POST returns. A page opened right
 * after submitting would otherwise flash "Run not found" (or never load its
 * subtasks), so a 404 is asked again a few times before it is believed.
 */
const NEW_RUN_GRACE_TRIES = 5;
const NEW_RUN_GRACE_MS = 600;

export async function withNewRunGrace<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (!isNotFound(error) || attempt >= NEW_RUN_GRACE_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, NEW_RUN_GRACE_MS));
    }
  }
}
