import { strict as assert } from 'node:assert';
import { RushesError } from '@rushes/shared';
import { planPrompt, validatePlan, scenePlanJsonSchema } from '../../engine/src/generators/procedural';

const good = () => JSON.parse(JSON.stringify(planPrompt({ prompt: 'city at night with light trails', seed: 9 }).plan));

function invalid(value: unknown): RushesError {
  try {
    validatePlan(value);
  } catch (e) {
    assert.ok(e instanceof RushesError);
    assert.equal(e.code, 'E_INVALID');
    return e;
  }
  assert.fail('validatePlan accepted an invalid plan');
}

describe('procedural ScenePlan schema', () => {
  it('is a JSON Schema with an $id and closed objects', () => {
    const s = scenePlanJsonSchema as { $id?: string; additionalProperties?: boolean; properties?: Record<string, unknown> };
    assert.equal(s.$id, 'ScenePlan');
    assert.equal(s.additionalProperties, false);
    assert.ok(s.properties && 'camera' in s.properties && 'physics' in s.properties);
  });

  it('names the field and the allowed values for a bad enum', () => {
    const p = good();
    p.camera.move = 'zoom-wobble';
    const e = invalid(p);
    assert.match(e.message, /plan\.camera\.move/);
    assert.match(e.message, /"dolly-in"/);
    const errors = (e.details as { errors: Array<{ path: string }> }).errors;
    assert.ok(errors.some((x) => x.path === 'plan.camera.move'));
  });

  it('refuses unknown fields, out-of-range numbers, bad colours, wrong versions, and non-objects', () => {
    const extra = good();
    extra.sparkle = true;
    assert.match(invalid(extra).message, /sparkle|additional/i);
    const range = good();
    range.weather.fog = 3;
    assert.match(invalid(range).message, /plan\.weather\.fog/);
    const colour = good();
    colour.palette.colors = ['red', '#000000'];
    assert.match(invalid(colour).message, /plan\.palette\.colors/);
    const version = good();
    version.version = 2;
    invalid(version);
    invalid(null);
    invalid([1, 2]);
    invalid('forest');
  });

  it('accepts a hand-edited plan', () => {
    const p = good();
    p.text = { mode: 'lower-third', title: 'Ana Lima', subtitle: 'Editor' };
    p.grade.transfer = 'srgb';
    assert.equal(validatePlan(p).text?.title, 'Ana Lima');
  });
});
