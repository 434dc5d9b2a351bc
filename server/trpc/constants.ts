import "server-only";
/** Cookie holding the signed-in person's active organization id. */
export const ORG_COOKIE = "cmp_org";
