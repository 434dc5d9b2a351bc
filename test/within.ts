// For tests of things that happen elsewhere (another instance hears a change): true as soon as
// `check` holds, false if it never does within `ms`.
export async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
