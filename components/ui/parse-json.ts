/** A JSON object typed into a textarea: the value, or an error to show beside the field. */
export function parseJsonObject(text: string, what = "The value"): { value: Record<string, unknown> | null; error: string | null } {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return { value: null, error: `${what} must be a JSON object` };
    return { value: v as Record<string, unknown>, error: null };
  } catch (e) {
    return { value: null, error: `Invalid JSON: ${(e as Error).message}` };
  }
}
