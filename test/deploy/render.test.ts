// deploy/nginx/render.mjs: what the rendered gateway config says, and that nginx accepts it (`nginx -t`
// when nginx is installed). Streaming settings are checked here: nginx passes small SSE chunks on
// promptly even when buffering, so the end-to-end test cannot tell the difference.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { renderNginxConf } from "@/deploy/nginx/render.mjs";
import { freePort, nginxBinary } from "./harness";

const base = { upstreams: ["10.0.0.1:3000", "10.0.0.2:3000", "app3:3000"], cert: "/tls/cert.pem", key: "/tls/key.pem" };
const block = (conf: string, head: string) => {
  const start = conf.indexOf(head);
  return conf.slice(start, conf.indexOf("\n    }", start));
};

it("renders one passively checked server line per upstream and refuses what nginx would misread", () => {
  const conf = renderNginxConf({ ...base, maxFails: 2, failTimeout: "5s" });
  expect(conf.match(/^ {4}server \S+ max_fails=2 fail_timeout=5s;$/gm)).toHaveLength(3);
  expect(() => renderNginxConf({ ...base, upstreams: [] })).toThrow(/upstream/);
  expect(() => renderNginxConf({ ...base, upstreams: ["10.0.0.1:3000; evil"] })).toThrow(/host:port/);
  expect(() => renderNginxConf({ ...base, keyRate: "fast" })).toThrow(/rate/);
  expect(conf).not.toMatch(/\{\{/);
});

it("terminates TLS 1.2+ with HTTP/2, limits bodies to 16m, rate-limits by address and by bearer token with 429 + Retry-After", () => {
  const conf = renderNginxConf({ ...base, listen: "8443", retryAfter: 2, keyRate: "5r/s" });
  expect(conf).toMatch(/listen 8443 ssl http2;/);
  expect(conf).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
  expect(conf).toMatch(/client_max_body_size 16m;/);
  expect(conf).toMatch(/limit_req_zone \$binary_remote_addr zone=per_address:10m rate=20r\/s;/);
  expect(conf).toMatch(/limit_req_zone \$api_key zone=per_key:10m rate=5r\/s;/);
  expect(conf).toMatch(/"~\*\^Bearer\\s\+\(\?<token>\\S\+\)\$" \$token;/);
  expect(conf).toMatch(/limit_req_status 429;/);
  expect(block(conf, "location @rate_limited")).toMatch(/add_header Retry-After 2 always;/);
  expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
  expect(conf).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
  expect(conf).toMatch(/proxy_set_header X-Forwarded-Host \$host;/);
  expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504;/);
  expect(conf).not.toMatch(/non_idempotent/);
});

it("leaves the MCP and tRPC streams unbuffered with hour-long reads, and the rest at 60 s", () => {
  const conf = renderNginxConf(base);
  const streams = block(conf, "location ~ ^/api/(mcp|trpc)(/|$)");
  expect(streams).toMatch(/proxy_buffering off;/);
  expect(streams).toMatch(/proxy_read_timeout 1h;/);
  expect(streams).toMatch(/limit_req zone=per_key/);
  expect(block(conf, "location / {")).toMatch(/proxy_read_timeout 60s;/);
});

it.skipIf(!nginxBinary())("is accepted by nginx -t", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cmp-nginx-t-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=t", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`], { stdio: "ignore" });
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, renderNginxConf({ upstreams: ["127.0.0.1:3001", "127.0.0.1:3002"], cert: `${dir}/cert.pem`, key: `${dir}/key.pem`, listen: `127.0.0.1:${await freePort()}`, prefix: dir, errorLog: `${dir}/error.log` }));
  try {
    execFileSync(nginxBinary()!, ["-t", "-p", dir, "-c", conf, "-e", `${dir}/error.log`], { stdio: "pipe" });
  } catch (err) {
    throw new Error(`nginx -t refused the rendered config: ${(err as { stderr?: Buffer }).stderr?.toString()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
