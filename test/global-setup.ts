// Vitest's global set-up: the migrated template databases are made once, before any test file.
import { prepareTestTemplates } from "../db/testing";

export default async function setup(): Promise<void> {
  await prepareTestTemplates();
}
