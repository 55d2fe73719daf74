# nudgebot: a multi-stage image on the current Node.js LTS, production dependencies only, run as
# the unprivileged `node` user, with a health check on /healthz.

# Build stage: compile the native SQLite binding with the toolchain the runtime image does not need.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

# Runtime stage.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=sqlite:/data/nudgebot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
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
