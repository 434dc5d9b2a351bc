// The API's router type. In this repository it is the server's own; the published package
// carries a copy printed from it at build time (scripts/router-types.mjs), with no server sources.
export type { AppRouter } from "../server/routers/_app";
