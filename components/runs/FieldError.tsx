/** An inline error under a field; the field points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-[#B34F00] dark:text-[#E07B39]">
      <span aria-hidden="true">✕ </span>
      {message}
    </p>
  );
}

/** The ids a field is described by: its hint always, its error when there is one. */
export function describedBy(hintId: string | null, errorId: string, message?: string): string | undefined {
  const ids = [hintId, message ? errorId : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}
