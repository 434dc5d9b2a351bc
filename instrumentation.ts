// Runs once when the server starts: open and migrate the database, seed it, print the banner.
// A start that fails exits non-zero with its reason (server/startup.ts). Then the lean path
// for API requests is offered to the self-hosted HTTP entry (scripts/serve.mjs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("./server/startup");
  await startServerOrExit();
  const { installLeanPath } = await import("./server/http/lean-path");
  installLeanPath();
}
