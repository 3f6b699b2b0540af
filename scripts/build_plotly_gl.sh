#!/bin/sh
# Build timeline/templates/plotly-gl.min.js: plotly.js 4.1.1 with the scatter, bar and scattergl
# (WebGL) traces only, the bundle a page with thousands of events inlines (the basic bundle,
# plotly-basic.min.js, has no WebGL trace). Needs node and npm (the npm registry); run from the
# repository root:  sh scripts/build_plotly_gl.sh
set -eu
VERSION=4.1.1
ROOT=$(pwd)
WORK=$(mktemp -d)
cd "$WORK"
npm pack "plotly.js@$VERSION" >/dev/null
tar xzf "plotly.js-$VERSION.tgz"
cd package
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
npm install --no-save --ignore-scripts --no-audit --no-fund esbuild@0.28 esbuild-plugin-glsl@1.4 \
    esbuild-plugin-inline-css@0.0.1 esbuild-plugin-environment@0.5 stream-browserify@3 >/dev/null
cat > entry-timeline.js <<'JS'
'use strict';
var Plotly = require('./lib/core');
Plotly.register([require('./lib/bar'), require('./lib/scattergl')]);
module.exports = Plotly;
JS
cat > build-timeline.js <<'JS'
// The options of plotly.js's own esbuild-config.js, minified, one entry.
const esbuild = require('esbuild');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { environmentPlugin } = require('esbuild-plugin-environment');
esbuild.build({
  entryPoints: ['./entry-timeline.js'], outfile: process.argv[2], format: 'iife', globalName: 'Plotly',
  bundle: true, minify: true, sourcemap: false, legalComments: 'none',
  plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false' }, target: 'es2016', logLevel: 'warning'
}).catch(() => process.exit(1));
JS
node build-timeline.js "$WORK/bundle.js"
{
  printf '/**\n* plotly.js (timeline gl: scatter, bar, scattergl - minified) v%s\n' "$VERSION"
  printf '* Copyright 2012-2026, Plotly, Inc. All rights reserved. Licensed under the MIT license\n'
  printf '* (plotly-basic.LICENSE.txt); built by scripts/build_plotly_gl.sh\n*/\n'
  cat "$WORK/bundle.js"
} > "$ROOT/timeline/templates/plotly-gl.min.js"
rm -rf "$WORK"
echo "wrote timeline/templates/plotly-gl.min.js"
