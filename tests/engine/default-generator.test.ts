import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { connect, ffprobe, runCli, startTestDaemon, tmpHome } from '../helpers/engine';

describe('the default generator and edited plans', function () {
  this.timeout(120000);

  it('makes procedural the default where a WebGPU adapter exists, and says why not where none does', async () => {
    const d = await startTestDaemon({ home: tmpHome('rushes-default-', { pinTestpattern: false }) });
    try {
      const c = await connect(d);
      const gens = c.hello!.generators;
      c.close();
      const procedural = gens.find((g) => g.id === 'procedural')!;
      const testpattern = gens.find((g) => g.id === 'testpattern')!;
      assert.ok(procedural && testpattern);
      if (process.env.RUSHES_REQUIRE_GPU === '1') assert.notEqual(procedural.backend, 'unavailable', 'CI installs the GPU stack');
      if (procedural.backend === 'unavailable') {
        assert.equal(testpattern.isDefault, true);
        assert.match(procedural.description, /./);
      } else {
        assert.equal(procedural.isDefault, true, procedural.backend);
        assert.match(procedural.backend, /^dawn-/);
      }
    } finally {
      await d.close();
    }
  });

  it('prints a plan with `rushes plan --json` and renders the edited plan with `rushes generate --plan`', async function () {
    const home = tmpHome();
    const planned = await runCli(['plan', 'slow dolly over a misty pine forest at dawn, no people', '--json']);
    assert.equal(planned.code, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout);
    assert.equal(plan.archetype, 'nature');
    plan.timeOfDay = 'dusk';
    const file = path.join(home, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const bad = await runCli(['generate', '--plan', file, '--generator', 'testpattern', '--frames', '4', '--size', '160x90', '--home', home, '--json']);
    assert.equal(bad.code, 2, 'testpattern does not take a plan');
    const d = await startTestDaemon({ home: tmpHome('rushes-plan-', { pinTestpattern: false }) });
    const c = await connect(d);
    const available = c.hello!.generators.find((g) => g.id === 'procedural')!.backend !== 'unavailable';
    c.close();
    await d.close();
    if (!available) this.skip();
    const r = await runCli(['generate', '--plan', file, '--generator', 'procedural', '--frames', '6', '--size', '160x90', '--seed', '3', '--home', home, '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const job = JSON.parse(r.stdout).job;
    assert.equal(job.request.prompt, 'slow dolly over a misty pine forest at dawn, no people', 'the prompt comes from the plan');
    assert.equal((await ffprobe(job.outputs[0].path)).frames, 6);
    assert.ok(Array.isArray(job.report.usedWords));
  });
});
