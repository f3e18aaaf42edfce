// Bundle the browser code of the web pages into web/static/web/dist/ (run by `make install`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, '..', '..', 'node_modules');

const common = {
  absWorkingDir: here,
  outdir: path.join(here, '..', 'static', 'web', 'dist'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'dataurl' },
  legalComments: 'linked',
  logLevel: 'warning',
};

// The form editor's parts (form-js's editor and viewer, the properties panel) each bring a
// copy of preact; components of one copy rendered by another fail, so all use the one copy.
const onePreact = {
  name: 'one-preact',
  setup(build) {
    build.onResolve({ filter: /^(\.\.\/)?preact(\/.*)?$/ }, (args) => {
      if (args.path.startsWith('../') && !args.importer.includes(`${path.sep}properties-panel${path.sep}`)) {
        return undefined;
      }
      const sub = args.path.replace(/^(\.\.\/)?preact/, '');
      return build.resolve(`./preact${sub}`, { kind: args.kind, resolveDir: modules });
    });
  },
};

await esbuild.build({
  ...common,
  entryPoints: ['app.js', 'diagram.js', 'modeler.js', 'charts.js', 'decisions.js'],
});
await esbuild.build({ ...common, entryPoints: ['forms.js'], plugins: [onePreact] });
