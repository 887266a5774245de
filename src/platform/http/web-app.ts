import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` writes the web app (run by `npm install` through the `prepare` script). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Serves the built web app at `/`: hashed assets cached for a year, and every other GET
 * outside /api answered with index.html so the browser's router can take the path.
 */
export async function registerWebApp(app: FastifyInstance, root: string = WEB_DIST): Promise<void> {
  if (!existsSync(`${root}/index.html`)) {
    app.log.warn(`No web app at ${root}; run "npm run build:web" to build it.`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      const hashed = path.includes('/assets/');
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api/')) return reply.callNotFound();
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, sendIndex);
}
