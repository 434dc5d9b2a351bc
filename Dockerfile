# The production image: dependencies, then `next build` (standalone output), then a final stage with
# only the traced standalone server, the static assets and the serve entry, run as the non-root `node`
# user. The app listens on PORT (3000); DATA_DIR (/data) holds the embedded database when DATABASE_URL
# is unset, local blobs and generated secrets. test/deploy/standalone.test.ts repeats the final stage's
# COPY steps on this machine and runs the result.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The SDK is an npm workspace: npm ci needs its manifest to match the lock.
COPY sdk/package.json ./sdk/
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
# HOSTNAME: Docker sets it to the container id; the server must bind every interface.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
# (The repository has no public/ folder; add `COPY --from=build /app/public ./public` with one.)
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# serve.mjs, not the generated server.js: it pins X-Forwarded-For (TRUSTED_PROXIES) and drains at SIGTERM.
CMD ["node", "scripts/serve.mjs"]
