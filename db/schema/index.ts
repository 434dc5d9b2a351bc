// One barrel over the per-domain schema files.
export * from "./auth";
export * from "./orgs";
export * from "./workflows";
export * from "./filegen";
export * from "./tasks";
export * from "./credits";
export * from "./usage";
export * from "./oauth";
