import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { DEFAULT_PORT } from '@rushes/shared';
import { checkManifest, engineDomains, iconFiles, manifestFor, resolvePort } from '../../plugins/premiere/scripts/manifest';
import { bundledEngineUrl, checkSourceManifest, engineUrl, PLUGIN_DIR, prepareStatic, readJson, verifyDist } from '../../plugins/premiere/scripts/build';
import { zipFolder } from '../../plugins/premiere/scripts/package';

const SOURCE = readJson(path.join(PLUGIN_DIR, 'static', 'manifest.json')) as Record<string, any>;

function withDomains(domains: unknown): unknown {
  const m = structuredClone(SOURCE);
  m.requiredPermissions.network.domains = domains;
  return m;
}

describe('premiere/build manifest', () => {
  const tmp: string[] = [];
  after(() => tmp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tmpDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-premiere-'));
    tmp.push(d);
    return d;
  };

  it('the checked-in manifest is valid for the engine default port', () => {
    assert.deepEqual(checkManifest(SOURCE, DEFAULT_PORT), []);
    assert.equal(SOURCE.manifestVersion, 5);
    assert.equal(SOURCE.host.app, 'premierepro');
    assert.equal(SOURCE.host.minVersion, '25.6.0');
    assert.doesNotThrow(() => checkSourceManifest(SOURCE));
  });

  it('fails when the domains disagree with the port, miss one, or use a wildcard or "all"', () => {
    assert.match(checkManifest(SOURCE, 7600).join(' '), /lacks ws:\/\/127\.0\.0\.1:7600/);
    assert.match(checkManifest(withDomains([`ws://127.0.0.1:${DEFAULT_PORT}`]), DEFAULT_PORT).join(' '), /lacks ws:\/\/localhost/);
    assert.match(checkManifest(withDomains([...engineDomains(DEFAULT_PORT), 'ws://localhost:*']), DEFAULT_PORT).join(' '), /wildcard/);
    assert.match(checkManifest(withDomains('all'), DEFAULT_PORT).join(' '), /"all"/);
    assert.match(checkManifest(withDomains([...engineDomains(DEFAULT_PORT), 'ws://127.0.0.1:9999']), DEFAULT_PORT).join(' '), /disagrees/);
    assert.throws(() => checkSourceManifest(withDomains(engineDomains(DEFAULT_PORT + 1))), /DEFAULT_PORT/);
  });

  it('checks the other rules that make UXP refuse a plugin', () => {
    const m = structuredClone(SOURCE);
    m.manifestVersion = 4;
    m.host.app = 'PPRO';
    m.host.minVersion = '25.0.0';
    m.requiredPermissions.localFileSystem = 'everything';
    const errors = checkManifest(m, DEFAULT_PORT).join(' ');
    for (const re of [/manifestVersion/, /host\.app/, /minVersion/, /localFileSystem/]) assert.match(errors, re);
  });

  it('RUSHES_PORT picks the port; a bad one is an error', () => {
    assert.equal(resolvePort({}), DEFAULT_PORT);
    assert.equal(resolvePort({ RUSHES_PORT: '7600' }), 7600);
    assert.throws(() => resolvePort({ RUSHES_PORT: '70000' }), /RUSHES_PORT/);
    assert.throws(() => resolvePort({ RUSHES_PORT: 'abc' }), /RUSHES_PORT/);
  });

  it('writes a dist manifest for an overridden port, with every icon the manifest names', () => {
    const out = tmpDir();
    prepareStatic(out, 7600, '1.2.3');
    const m = readJson(path.join(out, 'manifest.json')) as Record<string, any>;
    assert.deepEqual(m.requiredPermissions.network.domains, ['ws://127.0.0.1:7600', 'ws://localhost:7600']);
    assert.equal(m.version, '1.2.3');
    assert.doesNotThrow(() => verifyDist(out, 7600, false));
    assert.throws(() => verifyDist(out, DEFAULT_PORT, false), /disagrees|lacks/);
    assert.ok(iconFiles(m).includes('icons/panel-dark@2x.png'));
    fs.rmSync(path.join(out, 'icons', 'plugin@2x.png'));
    assert.throws(() => verifyDist(out, 7600, false), /plugin@2x\.png is missing/);
  });

  it('reads the URL a bundle connects to, so a bundle built for another port is caught', () => {
    const out = tmpDir();
    prepareStatic(out, 7600, '0.1.0');
    fs.writeFileSync(path.join(out, 'index.js'), `const ENGINE_URL = ${JSON.stringify(engineUrl(7450))};\n`);
    assert.equal(bundledEngineUrl(fs.readFileSync(path.join(out, 'index.js'), 'utf8')), 'ws://127.0.0.1:7450');
    assert.throws(() => verifyDist(out, 7600), /connects to ws:\/\/127\.0\.0\.1:7450, not ws:\/\/127\.0\.0\.1:7600/);
    fs.writeFileSync(path.join(out, 'index.js'), `const ENGINE_URL = ${JSON.stringify(engineUrl(7600))};\n`);
    assert.doesNotThrow(() => verifyDist(out, 7600));
  });

  it('manifestFor only replaces domains and version', () => {
    const m = manifestFor(SOURCE, 1234, '9.9.9') as Record<string, any>;
    assert.equal(m.requiredPermissions.localFileSystem, SOURCE.requiredPermissions.localFileSystem);
    assert.deepEqual(m.entrypoints, SOURCE.entrypoints);
  });

  it('packages a folder as a .ccx zip with manifest.json at its root, minus source maps', () => {
    const out = tmpDir();
    prepareStatic(out, DEFAULT_PORT, '0.1.0');
    fs.writeFileSync(path.join(out, 'index.js'), 'console.log(1)');
    fs.writeFileSync(path.join(out, 'index.js.map'), '{}');
    const zip = zipFolder(out, (rel) => rel.endsWith('.map'));
    const files = unzipSync(zip);
    assert.ok(files['manifest.json']);
    assert.ok(files['icons/panel-light.png']);
    assert.ok(!files['index.js.map']);
    assert.equal(JSON.parse(strFromU8(files['manifest.json']!)).id, 'rushes.premiere');
    assert.deepEqual(zipFolder(out, (rel) => rel.endsWith('.map')), zip, 'same input, same bytes');
  });
});
