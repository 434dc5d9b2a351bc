// Renders nginx.conf.template for N upstreams. As a script:
//   node deploy/nginx/render.mjs --upstream 10.0.0.1:3000 --upstream 10.0.0.2:3000 \
//     --cert /etc/nginx/tls/cert.pem --key /etc/nginx/tls/key.pem [--listen 443] [--prefix /tmp/nginx] > nginx.conf
// Rates are nginx's (e.g. 20r/s, 600r/m); bursts are requests allowed above the rate before 429s start.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const template = path.join(import.meta.dirname, "nginx.conf.template");

export const defaults = {
  listen: "443",
  prefix: "/tmp/nginx",
  workers: "auto",
  addressRate: "20r/s",
  addressBurst: 100,
  keyRate: "10r/s",
  keyBurst: 50,
  retryAfter: 1,
  maxFails: 3,
  failTimeout: "10s",
  foreground: false,
  errorLog: undefined,
  accessLog: undefined,
};

export function renderNginxConf(o) {
  const c = { ...defaults, ...o };
  if (!c.upstreams?.length) throw new Error("at least one --upstream host:port is needed");
  if (!c.cert || !c.key) throw new Error("--cert and --key (PEM files) are needed");
  for (const u of c.upstreams) if (!/^[\w.-]+:\d+$|^\[[\da-f:]+\]:\d+$/i.test(u)) throw new Error(`upstream must be host:port, got ${JSON.stringify(u)}`);
  for (const r of [c.addressRate, c.keyRate]) if (!/^\d+r\/[sm]$/.test(r)) throw new Error(`rate must look like 20r/s or 600r/m, got ${JSON.stringify(r)}`);
  const values = {
    WORKERS: String(c.workers),
    PREFIX: c.prefix,
    ERROR_LOG: c.errorLog ?? `${c.prefix}/error.log`,
    ACCESS_LOG: c.accessLog ?? `${c.prefix}/access.log`,
    DAEMON: c.foreground ? "daemon off;" : "",
    UPSTREAMS: c.upstreams.map((u) => `    server ${u} max_fails=${c.maxFails} fail_timeout=${c.failTimeout};`).join("\n"),
    LISTEN: String(c.listen),
    CERT: c.cert,
    CERT_KEY: c.key,
    ADDRESS_RATE: c.addressRate,
    ADDRESS_BURST: String(c.addressBurst),
    KEY_RATE: c.keyRate,
    KEY_BURST: String(c.keyBurst),
    RETRY_AFTER: String(c.retryAfter),
  };
  return readFileSync(template, "utf8").replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`the template names an unknown value {{${name}}}`);
    return values[name];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      upstream: { type: "string", multiple: true },
      cert: { type: "string" },
      key: { type: "string" },
      listen: { type: "string" },
      prefix: { type: "string" },
      "address-rate": { type: "string" },
      "address-burst": { type: "string" },
      "key-rate": { type: "string" },
      "key-burst": { type: "string" },
      "retry-after": { type: "string" },
      foreground: { type: "boolean" },
      "error-log": { type: "string" },
      "access-log": { type: "string" },
    },
  });
  const pick = (k) => values[k];
  try {
    process.stdout.write(
      renderNginxConf(
        Object.fromEntries(
          Object.entries({
            upstreams: values.upstream ?? process.env.UPSTREAMS?.split(/[\s,]+/).filter(Boolean),
            cert: pick("cert"),
            key: pick("key"),
            listen: pick("listen"),
            prefix: pick("prefix"),
            addressRate: pick("address-rate"),
            addressBurst: pick("address-burst"),
            keyRate: pick("key-rate"),
            keyBurst: pick("key-burst"),
            retryAfter: pick("retry-after"),
            foreground: values.foreground,
            errorLog: pick("error-log"),
            accessLog: pick("access-log"),
          }).filter(([, v]) => v !== undefined),
        ),
      ),
    );
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
