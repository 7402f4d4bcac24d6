/** Classes shared by every field of the form. */
export const FIELD =
  "w-full rounded-md border border-neutral-300 bg-white px-3 py-2 tabular-nums shadow-sm aria-[invalid=true]:border-[#D55E00] dark:border-neutral-700 dark:bg-neutral-900";
export const HINT = "mt-1 text-sm text-neutral-600 dark:text-neutral-400";
