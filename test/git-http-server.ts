// A real Git smart-HTTP server for tests: `git http-backend` behind node:http, with Basic auth.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";

export async function startGitServer(projectRoot: string, password: string): Promise<{ url: string; close: () => void; server: Server }> {
  const server = createServer((req, res) => {
    const auth = req.headers.authorization ?? "";
    const given = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString().split(":").slice(1).join(":") : null;
    if (given !== password) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="git"' }).end();
      return;
    }
    const url = new URL(req.url!, "http://x");
    const cgi = spawn("git", ["http-backend"], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: "1",
        REMOTE_USER: "tester",
        REMOTE_ADDR: "127.0.0.1",
        REQUEST_METHOD: req.method!,
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on("data", (c: Buffer) => chunks.push(c));
    cgi.on("close", () => {
      const out = Buffer.concat(chunks);
      const split = out.indexOf("\r\n\r\n");
      const head = out.subarray(0, split).toString();
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.split("\r\n")) {
        const [k, ...v] = line.split(":");
        if (k!.toLowerCase() === "status") status = Number.parseInt(v.join(":").trim(), 10);
        else headers[k!.trim()] = v.join(":").trim();
      }
      res.writeHead(status, headers).end(out.subarray(split + 4));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close(), server };
}
