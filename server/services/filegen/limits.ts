import "server-only";
// The limits live in limits.mjs (the render worker reads them too); this keeps `./limits` imports working.
export { limits } from "./limits.mjs";
