// Runs once when the server starts: open and migrate the database, seed it, print the banner.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
