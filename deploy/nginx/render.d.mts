// Types for render.mjs (the gateway's config renderer, plain JS so it runs without a build).
export interface RenderOptions {
  upstreams: string[];
  cert: string;
  key: string;
  listen?: string;
  prefix?: string;
  workers?: string | number;
  addressRate?: string;
  addressBurst?: number;
  keyRate?: string;
  keyBurst?: number;
  retryAfter?: number;
  maxFails?: number;
  failTimeout?: string;
  foreground?: boolean;
  errorLog?: string;
  accessLog?: string;
}
export const defaults: Omit<Required<RenderOptions>, "upstreams" | "cert" | "key" | "errorLog" | "accessLog">;
export function renderNginxConf(o: RenderOptions): string;
