# syntax=docker/dockerfile:1
# Comune social bot: the build stage installs, type-checks and compiles; the runtime stage holds the
# compiled JavaScript, the knowledge and production dependencies only.
#   docker build -t comune-social-bot .
#   docker run --rm -p 3978:3978 --env-file .env -v bot-data:/app/data comune-social-bot

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# The npm that wrote package-lock.json: it honours package.json's allowScripts (the reviewed install scripts).
ARG NPM_VERSION=11.19.1
RUN npm install --global npm@${NPM_VERSION}
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Every dependency, dev ones included: the build needs TypeScript and tsx.
RUN npm ci
# Only what .dockerignore lets through: sources, dialogs, knowledge, locales, web, the tsconfig files and
# the Web Chat bundle script.
COPY . .
# scripts/webChatBundle.ts puts Web Chat's bundle (pinned, integrity-checked, precompressed) into web/vendor/,
# then tsc -p tsconfig.build.json type-checks src/ and dialogs/ and compiles them into dist/, and the routing
# model of every comune is trained into data/routing-cache.
RUN npm run build
# Drops dev dependencies without running any install script again, so the runtime stage never needs the registry.
RUN npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    NODE_OPTIONS=--max-old-space-size=192
WORKDIR /app
# Owned by root and only readable by the app user: the running bot cannot rewrite its own code or knowledge.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/knowledge ./knowledge
COPY --from=build /app/locales ./locales
COPY --from=build /app/web ./web
# The one place the bot writes: the staff's interaction log (INTERACTION_LOG_DIR, default data/interactions),
# and the routing models trained by npm run build (data/routing-cache), so the container starts without training.
COPY --from=build --chown=node:node /app/data/routing-cache ./data/routing-cache
RUN chown node:node /app/data
USER node
EXPOSE 3978
# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# npm run start:prod without npm in between, so that SIGTERM reaches the bot (graceful shutdown).
CMD ["node", "dist/src/index.js"]
