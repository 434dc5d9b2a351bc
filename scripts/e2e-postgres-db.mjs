// A fresh PostgreSQL database for the e2e run on PostgreSQL (playwright.config.ts): dropped and
// created again, so every run starts empty like the embedded one. Takes the database URL to make.
import postgres from "postgres";

const url = new URL(process.argv[2] ?? "");
const name = url.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`e2e-postgres-db: not a plain database name: ${name}`);
const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password) || undefined, database: "postgres", max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
} finally {
  await admin.end({ timeout: 5 });
}
