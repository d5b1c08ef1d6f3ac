import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const NOT_BUILT = `<!doctype html><html><head><meta charset="utf-8"><title>RahatBack</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>RahatBack is running</h1>
<p>The web app has not been built yet. Run <code>npm run build</code> in the repository, then reload this page.</p>
<p>The API answers at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

const isApiPath = (url: string) =>
  url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io');

/** Serves the built single-page app; unknown non-API paths get index.html so client routes work. */
export async function registerStaticWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const isBuilt = existsSync(join(webDir, 'index.html'));
  if (isBuilt)
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });

  app.setNotFoundHandler((request, reply) => {
    if (isApiPath(request.url) || (request.method !== 'GET' && request.method !== 'HEAD'))
      throw new AppError(
        'NOT_FOUND',
        `there is no ${request.method} ${request.url.split('?')[0]} in this API: see /api/docs`,
      );
    if (!isBuilt) return reply.type('text/html').send(NOT_BUILT);
    return reply.sendFile('index.html');
  });
}
