/**
 * Builds the Workflow Integration plugin folder build/com.rushes.resolve/ from TypeScript with webpack +
 * ts-loader: main.js (Electron main, with `ws` and the adapter bundled in, so the folder needs no
 * node_modules), preload.js (sandboxed preload), renderer.js (the page), plus index.html, style.css,
 * manifest.xml and package.json. Blackmagic's WorkflowIntegration.node is NOT copied: it comes from the
 * user's own Resolve install (see src/install).
 *
 *   npx tsx plugins/resolve-bridge/scripts/build.ts [--dev]
 */
import fs from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration } from 'webpack';

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'build', 'com.rushes.resolve');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; description: string };
const dev = process.argv.includes('--dev');

function config(name: string, entry: string, target: Configuration['target'], extra: Partial<Configuration> = {}): Configuration {
  return {
    name,
    mode: dev ? 'development' : 'production',
    target,
    entry: path.join(root, entry),
    // Only main.js is a Node module; the sandboxed preload and the page are plain scripts (a sandboxed
    // preload gets a limited `require` and nothing to export to).
    output: { path: out, filename: `${name}.js`, ...(target === 'electron-main' ? { library: { type: 'commonjs2' } } : {}) },
    devtool: dev ? 'source-map' : false,
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: { configFile: path.join(root, 'tsconfig.app.json'), transpileOnly: false, compilerOptions: { noEmit: false } },
        },
      ],
    },
    // Plugin code stays readable for anyone auditing what runs inside their Resolve.
    optimization: { minimize: false },
    performance: { hints: false },
    plugins: [new webpack.DefinePlugin({ __RUSHES_VERSION__: JSON.stringify(pkg.version) })],
    ...extra,
  };
}

const configs: Configuration[] = [
  config('main', 'src/app/main.ts', 'electron-main', {
    // __dirname must be the installed plugin folder (preload.js, index.html, WorkflowIntegration.node).
    node: { __dirname: false, __filename: false },
    // ws loads these optional native speed-ups in try/catch; they are not installed and not needed.
    externals: { bufferutil: 'commonjs bufferutil', 'utf-8-validate': 'commonjs utf-8-validate' },
  }),
  config('preload', 'src/app/preload.ts', 'electron-preload'),
  config('renderer', 'src/app/renderer.ts', 'web'),
];

function copyStatic(): void {
  for (const f of ['index.html', 'style.css']) fs.copyFileSync(path.join(root, 'static', f), path.join(out, f));
  const manifest = fs.readFileSync(path.join(root, 'static', 'manifest.xml'), 'utf8').replace('@VERSION@', pkg.version);
  fs.writeFileSync(path.join(out, 'manifest.xml'), manifest);
  const pluginPackage = { name: 'com.rushes.resolve', productName: 'Rushes', version: pkg.version, description: pkg.description, main: 'main.js', private: true };
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pluginPackage, null, 2) + '\n');
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
webpack(configs, (err, stats) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  const info = stats!.toJson({ all: false, errors: true, warnings: true });
  for (const w of info.warnings ?? []) console.warn('warning:', w.message);
  if (stats!.hasErrors()) {
    for (const e of info.errors ?? []) console.error(e.message);
    process.exit(1);
  }
  copyStatic();
  const files = fs.readdirSync(out).map((f) => `${f} (${Math.round(fs.statSync(path.join(out, f)).size / 1024)} KiB)`);
  console.log(`Built ${path.relative(process.cwd(), out)}: ${files.join(', ')}`);
});
