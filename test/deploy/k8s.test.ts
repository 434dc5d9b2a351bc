// deploy/k8s against the code: the kustomizations list files that exist, the probes point at route
// files of this app, every variable the pods get (env, the ConfigMap, the example Secret) is one
// server/env.ts reads, and the Service, PDB, HPA and Ingresses all select or name the Deployment's pods.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { envSchema, parseEnv } from "@/server/env";
import { root } from "./harness";

type Doc = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = path.join(root, "deploy/k8s/base");
const overlay = path.join(root, "deploy/k8s/overlays/example");
const read = (file: string) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as Doc);
const kustomization = read(path.join(base, "kustomization.yaml"))[0] as unknown as { resources: string[] };
const docs = kustomization.resources.flatMap((r) => read(path.join(base, r)));
const one = (kind: string) => docs.filter((d) => d.kind === kind);
const deployment = one("Deployment")[0]!;
const container = deployment.spec.template.spec.containers[0];
const known = new Set(Object.keys(envSchema.shape));
const routeFile = (p: string) => path.join(root, "app", p.replace(/^\//, ""), "route.ts");

it("lists only files that exist, in the base and the example overlay", () => {
  for (const r of kustomization.resources) expect(existsSync(path.join(base, r)), r).toBe(true);
  const o = read(path.join(overlay, "kustomization.yaml"))[0] as unknown as { resources: string[] };
  for (const r of o.resources) expect(existsSync(path.join(overlay, r, "kustomization.yaml")), r).toBe(true);
});

it("runs 3 replicas with readiness on /api/health/ready and liveness on /api/health/live, both real routes", () => {
  expect(deployment.spec.replicas).toBe(3);
  expect(container.readinessProbe.httpGet.path).toBe("/api/health/ready");
  expect(container.livenessProbe.httpGet.path).toBe("/api/health/live");
  for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
    const p = container[probe].httpGet;
    expect(existsSync(routeFile(p.path)), `${probe} → ${p.path}`).toBe(true);
    expect(container.ports.map((x: { name: string }) => x.name)).toContain(p.port);
  }
  expect(container.resources.requests.cpu).toBeTruthy();
  expect(container.resources.limits.memory).toBeTruthy();
  // preStop pause + the app's grace period fit in the termination grace period.
  const cm = one("ConfigMap")[0]!.data!;
  expect(5 + Number(cm.SHUTDOWN_GRACE_MS) / 1000).toBeLessThan(deployment.spec.template.spec.terminationGracePeriodSeconds);
});

it("gives the pods only variables server/env.ts reads; the secrets come from Secret references", () => {
  const env = container.env as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  const names = [...env.map((e) => e.name), ...Object.keys(one("ConfigMap")[0]!.data!)];
  expect(names.filter((n) => !known.has(n) && n !== "HOSTNAME")).toEqual([]); // HOSTNAME: read by scripts/serve.mjs
  const fromSecret = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
  for (const n of ["DATABASE_URL", "AUTH_SECRET", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "BLOB_READ_WRITE_TOKEN", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]) expect(fromSecret).toContain(n);
  const example = readFileSync(path.join(overlay, "secrets.env.example"), "utf8").trim().split("\n").map((l) => l.split("=")[0]!);
  expect(example.filter((n) => !known.has(n))).toEqual([]);
  for (const e of env.filter((x) => x.valueFrom?.secretKeyRef)) expect(example, e.name).toContain(e.valueFrom!.secretKeyRef!.key);
  // The ConfigMap's values (with the example secrets) pass validation.
  const secrets = Object.fromEntries(readFileSync(path.join(overlay, "secrets.env.example"), "utf8").trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  expect(() => parseEnv({ ...one("ConfigMap")[0]!.data, ...secrets, PORT: "3000" })).not.toThrow();
});

it("points the Service, PodDisruptionBudget, HPA and Ingresses at the Deployment", () => {
  const labels = deployment.spec.template.metadata.labels;
  const selects = (sel: Record<string, string>) => Object.entries(sel).every(([k, v]) => labels[k] === v);
  const service = one("Service")[0]!;
  expect(selects(service.spec.selector)).toBe(true);
  expect(selects(deployment.spec.selector.matchLabels)).toBe(true);
  expect(selects(one("PodDisruptionBudget")[0]!.spec.selector.matchLabels)).toBe(true);
  expect(one("PodDisruptionBudget")[0]!.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  const hpa = one("HorizontalPodAutoscaler")[0]!;
  expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: deployment.metadata.name });
  expect(hpa.spec.minReplicas).toBe(3);
  expect(hpa.spec.metrics[0].resource.name).toBe("cpu");
  const ingresses = one("Ingress");
  const backends = ingresses.flatMap((i) => i.spec.rules.flatMap((r: { http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] } }) => r.http.paths));
  for (const b of backends) expect(b.backend.service).toEqual({ name: service.metadata.name, port: { name: service.spec.ports[0].name } });
  const streams = ingresses.find((i) => i.metadata.name.endsWith("streams"))!;
  expect(streams.metadata).toMatchObject({ annotations: { "nginx.ingress.kubernetes.io/proxy-buffering": "off" } });
  expect(backends.map((b) => b.path)).toEqual(expect.arrayContaining(["/", "/api/mcp", "/api/trpc"]));
});
