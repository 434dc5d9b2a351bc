// Runs once when the server starts: open and migrate the database, seed it, print the banner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  try {
    await startServer();
  } catch (err) {
    // A start that fails must not go on answering 500s: exit non-zero with the reason, so an
    // orchestrator (or the person at the terminal) sees it and restarts.
    console.error("Start-up failed:", err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  }
}
