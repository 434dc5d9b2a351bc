#!/usr/bin/env node
// `cloud-mcp`: the CLI runs its TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
