// Bundle the browser code of the web pages into web/static/web/dist/ (run by `make install`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['app.js', 'diagram.js', 'modeler.js', 'charts.js', 'decisions.js'],
  outdir: path.join(here, '..', 'static', 'web', 'dist'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'dataurl' },
  legalComments: 'linked',
  logLevel: 'warning',
});
