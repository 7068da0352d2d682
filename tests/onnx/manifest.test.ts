import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { isRushesError } from '@rushes/shared';
import { formatModelList, listModels, loadModelFolder, modelRoots } from '../../engine/src/generators/onnx';
import { tmpHome } from '../helpers/engine';
import { writeTinyModel } from './tiny-models';

const rejects = (f: () => unknown, re: RegExp): void =>
  assert.throws(f, (e: unknown) => isRushesError(e) && e.code === 'E_GENERATOR' && re.test(e.message), String(re));

function editManifest(dir: string, edit: (m: any) => void): void {
  const file = path.join(dir, 'rushes-model.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(m);
  fs.writeFileSync(file, JSON.stringify(m));
}

describe('onnx model folders and rushes-model.json', () => {
  it('loads a valid folder with every file resolved', () => {
    const dir = writeTinyModel(tmpHome(), 'tiny');
    const m = loadModelFolder(dir);
    assert.equal(m.id, 'tiny');
    assert.equal(m.manifest.latent.channels, 4);
    for (const f of Object.values(m.files)) assert.ok(fs.existsSync(f));
    assert.ok(m.files.vaeEncoder);
  });

  it('says which field is wrong, in words a user can act on', () => {
    const root = tmpHome();
    const cases: Array<[string, (m: any) => void, RegExp]> = [
      ['unknown-field', (m) => (m.denoiser.samples = 'x'), /must NOT have additional properties \("samples"\)/],
      ['bad-enum', (m) => (m.scheduler.type = 'dpm++'), /\/scheduler\/type/],
      ['no-licence', (m) => delete m.licence, /must have required property 'licence'/],
      ['flow-mismatch', (m) => (m.denoiser.prediction = 'flow'), /needs scheduler "flow-euler"/],
      ['escape', (m) => (m.denoiser.file = '../other/model.onnx'), /\/denoiser\/file/],
      ['absolute', (m) => (m.denoiser.file = '/etc/passwd'), /\/denoiser\/file/],
      ['cond-no-encoder', (m) => { m.imageConditioning = { mode: 'first-frame' }; delete m.vaeEncoder; }, /imageConditioning needs a vaeEncoder/],
    ];
    for (const [id, edit, re] of cases) {
      const dir = writeTinyModel(root, id);
      editManifest(dir, edit);
      rejects(() => loadModelFolder(dir), re);
    }
  });

  it('names a missing file, bad JSON, a missing manifest and a bad folder name', () => {
    const root = tmpHome();
    const missing = writeTinyModel(root, 'missing');
    fs.rmSync(path.join(missing, 'vae_decoder', 'model.onnx'));
    rejects(() => loadModelFolder(missing), /the vaeDecoder file "vae_decoder\/model.onnx" is missing/);
    const badJson = writeTinyModel(root, 'badjson');
    fs.writeFileSync(path.join(badJson, 'rushes-model.json'), '{ "format": ');
    rejects(() => loadModelFolder(badJson), /not valid JSON/);
    const none = path.join(root, 'none');
    fs.mkdirSync(none);
    rejects(() => loadModelFolder(none), /no rushes-model.json/);
    const upper = writeTinyModel(root, 'Upper');
    rejects(() => loadModelFolder(upper), /rename the folder/);
  });

  it('lists models from HOME/models and configured folders, broken ones with their reason', () => {
    const home = tmpHome();
    const extra = tmpHome();
    writeTinyModel(path.join(home, 'models'), 'alpha');
    const broken = writeTinyModel(path.join(home, 'models'), 'broken');
    fs.rmSync(path.join(broken, 'denoiser', 'model.onnx'));
    writeTinyModel(extra, 'beta', { imageConditioning: { mode: 'concat' } });
    writeTinyModel(extra, 'alpha'); // same id as in HOME/models: the first root wins
    fs.mkdirSync(path.join(home, 'models', 'not-a-model'));
    const list = listModels(home, [extra]);
    assert.deepEqual(list.map((m) => [m.id, m.ok]), [['alpha', true], ['broken', false], ['beta', true]]);
    assert.equal(list[0]!.dir, path.join(home, 'models', 'alpha'));
    assert.deepEqual(list[2]!.inputs, ['text', 'image']);
    assert.ok(list[0]!.bytes! > 1000);
    const text = formatModelList(list);
    assert.match(text, /^onnx\.alpha {2}Tiny alpha 0\.0\.1 {2}\[text\] {2}euler {2}licence CC0-1\.0$/m);
    assert.match(text, /broken {2}BROKEN/);
    assert.match(text, /denoiser file "denoiser\/model.onnx" is missing/);
    assert.match(formatModelList([], modelRoots(tmpHome())), /No models installed\. Put a model folder with a rushes-model.json in .*models/);
  });
});
