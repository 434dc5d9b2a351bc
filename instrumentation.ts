// Runs once when the server starts: open and migrate the database, seed it, print the banner.
// A start that fails exits non-zero with its reason (server/startup.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("./server/startup");
  await startServerOrExit();
}
