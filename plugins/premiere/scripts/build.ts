/**
 * Builds plugins/premiere/dist, a folder the UXP Developer Tool loads as is: manifest.json, index.html,
 * styles.css, icons/ and the webpack bundle index.js.
 *
 *   npm run build -w @rushes/premiere              # for the engine's DEFAULT_PORT
 *   RUSHES_PORT=7600 npm run build -w @rushes/premiere
 *
 * Fails when the checked-in manifest's network domains disagree with the engine's DEFAULT_PORT, when
 * the built manifest disagrees with the port the bundle was built for, or when TypeScript fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import webpack from 'webpack';
import { DEFAULT_PORT } from '@rushes/shared';
import { checkManifest, iconFiles, manifestFor, resolvePort } from './manifest';

export const PLUGIN_DIR = path.resolve(__dirname, '..');
const STATIC_DIR = path.join(PLUGIN_DIR, 'static');
const STATIC_FILES = ['index.html', 'styles.css'];

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function pluginVersion(): string {
  const pkg = readJson(path.join(PLUGIN_DIR, 'package.json')) as { version: string };
  return pkg.version;
}

/** The checked-in manifest must agree with the engine's DEFAULT_PORT, whatever port this build targets. */
export function checkSourceManifest(source: unknown): void {
  const errors = checkManifest(source, DEFAULT_PORT);
  if (errors.length) {
    throw new Error(`static/manifest.json disagrees with the engine (DEFAULT_PORT ${DEFAULT_PORT} in @rushes/shared):\n  - ${errors.join('\n  - ')}`);
  }
}

/** Copies the static files and writes the manifest for `port` into `outDir`. */
export function prepareStatic(outDir: string, port: number, version: string, source: unknown = readJson(path.join(STATIC_DIR, 'manifest.json'))): void {
  checkSourceManifest(source);
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of STATIC_FILES) fs.copyFileSync(path.join(STATIC_DIR, f), path.join(outDir, f));
  fs.cpSync(path.join(STATIC_DIR, 'icons'), path.join(outDir, 'icons'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifestFor(source, port, version), null, 2)}\n`);
}

/** Checks a built folder: manifest rules for `port`, and every file the manifest names is there. */
export function verifyDist(outDir: string, port: number, needBundle = true): void {
  const manifest = readJson(path.join(outDir, 'manifest.json'));
  const errors = checkManifest(manifest, port);
  const need = ['index.html', ...iconFiles(manifest), ...(needBundle ? ['index.js'] : [])];
  for (const f of need) if (!fs.existsSync(path.join(outDir, f))) errors.push(`${f} is missing from ${outDir}.`);
  if (needBundle) {
    const bundle = fs.readFileSync(path.join(outDir, 'index.js'), 'utf8');
    const url = bundledEngineUrl(bundle);
    if (url !== engineUrl(port)) errors.push(`index.js connects to ${url ?? 'an unknown URL'}, not ${engineUrl(port)}.`);
  }
  if (errors.length) throw new Error(`The built panel in ${outDir} is not valid:\n  - ${errors.join('\n  - ')}`);
}

export function engineUrl(port: number): string {
  return `ws://127.0.0.1:${port}`;
}

/** The URL the bundle connects to (the bundle is not minified, so the constant keeps its name). */
export function bundledEngineUrl(bundle: string): string | null {
  return /\bENGINE_URL = "(ws:\/\/[^"]+)"/.exec(bundle)?.[1] ?? null;
}

export function webpackConfig(outDir: string, port: number, version: string): webpack.Configuration {
  return {
    mode: 'production',
    context: PLUGIN_DIR,
    entry: './src/index.ts',
    target: 'web',
    devtool: 'source-map',
    output: { path: outDir, filename: 'index.js', clean: false },
    resolve: { extensions: ['.ts', '.js'] },
    // Provided by UXP at run time through its own `require`.
    externalsType: 'commonjs',
    externals: { premierepro: 'premierepro', uxp: 'uxp', fs: 'fs', os: 'os' },
    module: {
      rules: [{ test: /\.ts$/, loader: 'ts-loader', exclude: /node_modules/, options: { configFile: path.join(PLUGIN_DIR, 'tsconfig.json') } }],
    },
    plugins: [
      new webpack.DefinePlugin({
        __RUSHES_ENGINE_URL__: JSON.stringify(engineUrl(port)),
        __RUSHES_PLUGIN_VERSION__: JSON.stringify(version),
      }),
    ],
    // UXP loads the bundle from disk; minifying would only slow the build and the debugger.
    optimization: { minimize: false },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

export function bundle(outDir: string, port: number, version: string): Promise<void> {
  return new Promise((resolve, reject) => {
    webpack(webpackConfig(outDir, port, version), (err, stats) => {
      if (err) return reject(err);
      if (!stats) return reject(new Error('webpack returned no stats'));
      const info = stats.toString({ colors: false, all: false, errors: true, warnings: true });
      if (stats.hasErrors()) return reject(new Error(`webpack failed:\n${info}`));
      if (stats.hasWarnings()) console.warn(info);
      resolve();
    });
  });
}

export async function build(outDir = path.join(PLUGIN_DIR, 'dist'), env: Record<string, string | undefined> = process.env): Promise<void> {
  const started = Date.now();
  const port = resolvePort(env);
  const version = pluginVersion();
  fs.rmSync(outDir, { recursive: true, force: true });
  prepareStatic(outDir, port, version);
  await bundle(outDir, port, version);
  verifyDist(outDir, port);
  const kb = Math.round(fs.statSync(path.join(outDir, 'index.js')).size / 1024);
  console.log(`@rushes/premiere ${version}: built ${path.relative(process.cwd(), outDir) || outDir} for ws://127.0.0.1:${port} (index.js ${kb} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  build().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
