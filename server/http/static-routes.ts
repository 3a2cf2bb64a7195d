import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface StaticOptions {
  /** The built browser bundles (dist/public): /widget.js, /widget/*, /console/*. */
  publicDir: string;
  /** The demo shop served at /. */
  demoDir: string;
}

/**
 * Serves the widget, the console and the demo site. The widget files are loaded by other sites' pages, so
 * they are marked cross-origin readable; the hashed app files never change and are cached for a year,
 * the loader only briefly so a new release reaches visitors the same day.
 */
export async function staticRoutes(app: FastifyInstance, options: StaticOptions): Promise<void> {
  const roots = [options.publicDir, options.demoDir].filter((dir) => existsSync(dir));
  if (roots.length === 0) return;
  await app.register(fastifyStatic, {
    root: roots,
    prefix: '/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(res, path) {
      const inWidget = path.includes(`${sep}widget${sep}`);
      const isLoader = basename(path) === 'widget.js' && path.startsWith(options.publicDir);
      if (inWidget || isLoader) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      }
      if (isLoader) res.setHeader('Cache-Control', 'public, max-age=300');
      else if (inWidget || path.includes(`${sep}console${sep}assets${sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      } else res.setHeader('Cache-Control', 'no-cache');
    },
  });
}

export function defaultStaticOptions(projectRoot: string): StaticOptions {
  return { publicDir: join(projectRoot, 'dist', 'public'), demoDir: join(projectRoot, 'demo-site') };
}
