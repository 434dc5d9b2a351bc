/** A form- or section-level error, announced to screen readers; renders nothing without a message. */
export function FormError({ message, testId }: { message?: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid={testId} className="rounded-md bg-red-50 px-3 py-2 text-sm text-danger dark:bg-red-950/40">
      {message}
    </p>
  );
}
