# nudgebot: a multi-stage image on the current Node.js LTS that runs the compiled JavaScript, with
# production dependencies only, as the unprivileged `node` user, with a health check on /healthz.

# Build stage: every dependency (TypeScript included) to compile src/ to dist/, and the toolchain
# the native SQLite binding may need; then the dev dependencies are pruned away.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies get their own layer, rebuilt only when the lockfile changes. --ignore-scripts keeps
# `prepare` (the build) for later, once the sources are here; the SQLite binding is built explicitly.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: no sources, no TypeScript, no tsx.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=sqlite:/data/nudgebot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The admin console's stylesheet and chart script, found three levels above dist/web/pages/.
COPY assets ./assets
COPY config ./config
COPY data/sample ./data/sample
COPY manifest.yml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/nudgebot.js", "serve"]
