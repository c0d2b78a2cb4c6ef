# Multi-stage: the build stage installs everything, compiles the service to
# build/ and the console to web/dist (npm's postinstall), then drops the dev
# dependencies; the runtime image carries production dependencies, build/,
# the migrations and the built console only, and runs as a non-root user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY db ./db
COPY web ./web
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
RUN groupadd --system clim && useradd --system --gid clim --home /app clim \
  && mkdir -p /data && chown clim:clim /data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
COPY bin ./bin
COPY db/migrations ./db/migrations
USER clim
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# A larger young generation: a merge allocates heavily and short-lived (≈10% faster, bench/merge-core.ts).
CMD ["node", "--max-semi-space-size=64", "--enable-source-maps", "build/src/server.js"]
