/**
 * A shot list: several prompts generated as one group. Written by the Resolve Lua script and the Unreal
 * bridge, read by `rushes shots FILE`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { OutputFormat, Rational } from './schemas';

export const Shot = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    prompt: Type.String({ minLength: 1, maxLength: 2000 }),
    durationSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 600 })),
    frames: Type.Optional(Type.Integer({ minimum: 1, maximum: 36000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    camera: Type.Optional(Type.String({ maxLength: 200, description: 'A camera hint appended to the prompt, e.g. "slow dolly in".' })),
  },
  { additionalProperties: false, $id: 'Shot' },
);
export type Shot = Static<typeof Shot>;

export const ShotList = Type.Object(
  {
    defaults: Type.Optional(
      Type.Object(
        {
          fps: Type.Optional(Rational),
          width: Type.Optional(Type.Integer({ minimum: 16, maximum: 7680, multipleOf: 2 })),
          height: Type.Optional(Type.Integer({ minimum: 16, maximum: 4320, multipleOf: 2 })),
          formats: Type.Optional(Type.Array(OutputFormat, { minItems: 1, uniqueItems: true })),
          generator: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
    ),
    shots: Type.Array(Shot, { minItems: 1, maxItems: 500 }),
  },
  // Unknown top-level keys are tolerated so host-specific fields (e.g. Unreal's "master") can ride along.
  { additionalProperties: true, $id: 'ShotList' },
);
export type ShotList = Static<typeof ShotList>;
