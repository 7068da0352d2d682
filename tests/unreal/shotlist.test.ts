import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import {
  BRIDGE_VERSION,
  BridgeCode,
  ShotList,
  idempotencyKey,
  isBridgeError,
  layoutShots,
  parseShotList,
  planShots,
  prepareShots,
  promptWithCamera,
  splitAssetPath,
  tickResolutionChange,
  tickResolutionFor,
} from '../../plugins/unreal-bridge/src';
import { validateShotList } from '@rushes/shared/validate';
import { clipsFor, shotList, tempDir } from './helpers';

const PKG = path.join(__dirname, '..', '..', 'plugins', 'unreal-bridge');

function invalid(value: unknown): string[] {
  try {
    parseShotList(value);
  } catch (e) {
    assert.ok(isBridgeError(e));
    assert.equal(e.code, BridgeCode.SHOTLIST_INVALID);
    return (e.details.problems as string[] | undefined) ?? [e.message];
  }
  assert.fail('expected the shot list to be refused');
}

const base = () => ({
  defaults: { fps: { num: 24, den: 1 }, width: 1280, height: 720 },
  master: { name: 'Previs', path: '/Game/Rushes' },
  shots: [{ name: 'SH010', prompt: 'a forest', durationSeconds: 2 }],
});

describe('unreal/shot list', () => {
  it('accepts the documented example and the committed JSON Schema matches the types', () => {
    const example = JSON.parse(fs.readFileSync(path.join(PKG, 'examples', 'previs.shots.json'), 'utf8'));
    const list = parseShotList(example);
    assert.equal(list.shots.length, 3);
    // An Unreal shot list is also a shot list for `rushes shots` (the shared format tolerates "master").
    assert.deepEqual(validateShotList(example), []);
    const committed = JSON.parse(fs.readFileSync(path.join(PKG, 'shotlist.schema.json'), 'utf8'));
    assert.deepEqual(committed, { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(ShotList)) }, 'run `npm run schema -w plugins/unreal-bridge`');
  });

  it('refuses what the format does not allow, saying where', () => {
    const both = base();
    (both.shots[0] as Record<string, unknown>).frames = 48;
    assert.ok(invalid(both).some((p) => /unknown field "frames"|unknown field "durationSeconds"/.test(p)));

    const neither = base();
    delete (neither.shots[0] as Record<string, unknown>).durationSeconds;
    assert.ok(invalid(neither).some((p) => /missing "durationSeconds"|missing "frames"/.test(p)));

    const badName = base();
    badName.shots[0]!.name = 'Shot 10';
    assert.ok(invalid(badName).some((p) => p.startsWith('/shots/0/name')));

    const outside = base();
    outside.master.path = '/Engine/Rushes';
    assert.ok(invalid(outside).some((p) => p.startsWith('/master/path')));

    const odd = base();
    odd.defaults.width = 1279;
    assert.ok(invalid(odd).some((p) => p.startsWith('/defaults/width')));

    const extra = { ...base(), color: 'red' };
    assert.ok(invalid(extra).some((p) => /unknown field "color"/.test(p)));

    const empty = { ...base(), shots: [] };
    assert.ok(invalid(empty).some((p) => p.startsWith('/shots')));
  });

  it('refuses shot names that would be one asset in Unreal (case-insensitive)', () => {
    const dup = base();
    dup.shots.push({ name: 'sh010', prompt: 'again', durationSeconds: 1 });
    assert.match(invalid(dup)[0]!, /"SH010" and "sh010"/);
  });

  it('refuses a shot shorter than one frame', () => {
    const tiny = base();
    tiny.shots[0]!.durationSeconds = 0.01;
    assert.throws(() => planShots(parseShotList(tiny)), /shorter than one frame/);
  });

  it('reads a shot list file and refuses what is not JSON, before contacting anything', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
      assert.throws(() => prepareShots({ file: path.join(dir, 'bad.json') }), (e: unknown) => isBridgeError(e) && e.code === BridgeCode.SHOTLIST_INVALID);
      assert.throws(() => prepareShots({ file: path.join(dir, 'missing.json') }), (e: unknown) => isBridgeError(e) && e.code === BridgeCode.USAGE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unreal/planning', () => {
  it('counts frames as round(seconds * num / den) and asks the engine for PNG sequences', () => {
    const list = shotList({ num: 24000, den: 1001 }, [
      { name: 'A', prompt: 'a', durationSeconds: 5 },
      { name: 'B', prompt: 'b', frames: 7, camera: 'whip pan', seed: 3 },
    ]);
    const plan = planShots(list);
    assert.deepEqual(
      plan.shots.map((s) => s.frames),
      [120, 7],
    );
    assert.deepEqual(plan.shots[1]!.request, {
      prompt: 'b. Camera: whip pan',
      frames: 7,
      fps: { num: 24000, den: 1001 },
      width: 64,
      height: 36,
      formats: ['png'],
      name: 'B',
      seed: 3,
    });
    assert.equal(plan.masterAssetPath, '/Game/Rushes/Previs');
    assert.equal(plan.shots[0]!.assetPath, '/Game/Rushes/Previs_Shots/A');
    assert.equal(plan.shots[0]!.mediaAssetPath, '/Game/Rushes/Previs_Shots/A_Media');
  });

  it('--master overrides the list and must be a /Game asset path', () => {
    const list = shotList({ num: 24, den: 1 }, [{ name: 'A', prompt: 'a', frames: 1 }]);
    const plan = planShots(list, '/Game/Cine/Seq/Master_B');
    assert.equal(plan.masterAssetPath, '/Game/Cine/Seq/Master_B');
    assert.equal(plan.shotsFolder, '/Game/Cine/Seq/Master_B_Shots');
    assert.throws(() => splitAssetPath('/Game/'), /not an asset path/);
    assert.throws(() => splitAssetPath('Game/X'), /not an asset path/);
    assert.throws(() => splitAssetPath('/Game/X/My Shot'), /not an asset path/);
  });

  it('derives idempotency keys from what defines the clip, not from key order', () => {
    const a = idempotencyKey('unreal-shot', { shot: 'a', request: { prompt: 'x', frames: 2 } });
    const b = idempotencyKey('unreal-shot', { request: { frames: 2, prompt: 'x' }, shot: 'a' });
    const c = idempotencyKey('unreal-shot', { shot: 'a', request: { prompt: 'y', frames: 2 } });
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.match(a, /^unreal-shot:[0-9a-f]{40}$/);
    const list = shotList({ num: 24, den: 1 }, [{ name: 'A', prompt: 'a', frames: 1 }]);
    assert.equal(planShots(list).shots[0]!.key, planShots(JSON.parse(JSON.stringify(list))).shots[0]!.key);
    const edited = shotList({ num: 24, den: 1 }, [{ name: 'A', prompt: 'a!', frames: 1 }]);
    assert.notEqual(planShots(list).shots[0]!.key, planShots(edited).shots[0]!.key);
  });

  it('picks a tick resolution that holds every frame exactly', () => {
    assert.deepEqual(tickResolutionFor({ num: 24, den: 1 }), { num: 24000, den: 1 });
    assert.deepEqual(tickResolutionFor({ num: 24000, den: 1001 }), { num: 24000, den: 1 });
    assert.deepEqual(tickResolutionFor({ num: 25, den: 1 }), { num: 24000, den: 1 });
    assert.deepEqual(tickResolutionFor({ num: 30000, den: 1001 }), { num: 24030000, den: 1001 });
    assert.deepEqual(tickResolutionFor({ num: 60000, den: 1001 }), { num: 24000000, den: 1001 });
    assert.equal(tickResolutionChange({ num: 24000, den: 1001 }), null);
    assert.deepEqual(tickResolutionChange({ num: 30000, den: 1001 }), { num: 24030000, den: 1001 });
    for (const fps of [
      { num: 24, den: 1 },
      { num: 30000, den: 1001 },
      { num: 60000, den: 1001 },
      { num: 48, den: 1 },
      { num: 7, den: 1 },
      { num: 120000, den: 1001 },
    ]) {
      const t = tickResolutionFor(fps);
      // ticks per frame = (t.num / t.den) / (fps.num / fps.den) must be whole.
      assert.equal((t.num * fps.den) % (t.den * fps.num), 0, `${fps.num}/${fps.den}`);
    }
  });

  it('lays shots end to end with the frame counts the engine returned', () => {
    const dir = tempDir();
    try {
      const list = shotList({ num: 24, den: 1 }, [
        { name: 'A', prompt: 'a', frames: 10 },
        { name: 'B', prompt: 'b', frames: 5 },
      ]);
      const data = layoutShots(planShots(list), clipsFor(dir, list, { A: 10, B: 4 }));
      assert.deepEqual(
        data.shots.map((s) => [s.start, s.frames]),
        [
          [0, 10],
          [10, 4],
        ],
      );
      assert.equal(data.totalFrames, 14);
      assert.equal(promptWithCamera('a forest ', 'crane up'), 'a forest. Camera: crane up');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the package version it was built as', () => {
    assert.equal(BRIDGE_VERSION, JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8')).version);
  });
});
