import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` writes the web app (run by `npm install` through the `prepare` script). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Serves the built web app at `/`: files by their path (hashed assets cached for a year),
 * and every other GET outside /api answered with index.html so the browser's router can
 * take the path. Files are looked up per request, so a rebuild needs no restart.
 */
export async function registerWebApp(app: FastifyInstance, root: string = WEB_DIST): Promise<void> {
  if (!existsSync(`${root}/index.html`)) {
    app.log.warn(`No web app at ${root}; run "npm run build:web" to build it.`);
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });
  const serve = (req: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/')) return reply.callNotFound();
    const lastSegment = path.slice(path.lastIndexOf('/') + 1);
    if (lastSegment.includes('.')) {
      // A file: served if it exists (send refuses paths outside root), a 404 otherwise.
      if (path.startsWith('/assets/'))
        return reply.sendFile(path.slice(1), { maxAge: '365d', immutable: true });
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(path.slice(1), { cacheControl: false });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  };
  app.get('/', { schema: { hide: true } }, serve);
  app.get('/*', { schema: { hide: true } }, serve);
}
