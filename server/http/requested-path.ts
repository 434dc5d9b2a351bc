// The request header the proxy (proxy.ts) sets on dashboard pages: the path and query asked for.
export const REQUESTED_PATH_HEADER = "x-cmp-requested-path";
