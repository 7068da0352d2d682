/**
 * The shot list: what an artist writes to ask for a set of previs shots. Typed once with TypeBox (the
 * JSON Schema and the TypeScript type come from the same definition, and `shotlist.schema.json` is
 * generated from it), validated with Ajv, then checked for what a schema cannot say (unique names,
 * a duration that is at least one frame).
 */
import { Type, type Static } from '@sinclair/typebox';
import Ajv from 'ajv';
import { framesForDuration } from '@rushes/shared';
import { BridgeCode, BridgeError } from '../errors';

const Strict = { additionalProperties: false } as const;

/** Asset and folder names Unreal accepts everywhere (no spaces, dots or the reserved punctuation). */
export const NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,59}$';
/** A content folder: /Game or below. */
export const FOLDER_PATTERN = '^/Game(/[A-Za-z0-9_]+)*$';

const Fps = Type.Object(
  {
    num: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    den: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { ...Strict, description: 'An exact frame rate: {"num": 24000, "den": 1001} is 23.976 fps.' },
);

const ShotBase = {
  name: Type.String({ pattern: NAME_PATTERN, description: 'The shot sequence asset name, e.g. "SH010". Unique within the list.' }),
  prompt: Type.String({ minLength: 1, maxLength: 1900, description: 'What to generate.' }),
  camera: Type.Optional(
    Type.String({ minLength: 1, maxLength: 90, description: 'A camera hint ("slow dolly in", "locked-off wide"), appended to the prompt.' }),
  ),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Fixes the result; omitted, the engine picks one.' })),
};

export const Shot = Type.Union(
  [
    Type.Object({ ...ShotBase, durationSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 600 }) }, Strict),
    Type.Object({ ...ShotBase, frames: Type.Integer({ minimum: 1, maximum: 36000 }) }, Strict),
  ],
  { description: 'One shot. Give durationSeconds or frames, not both.' },
);
export type Shot = Static<typeof Shot>;

export const ShotList = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    defaults: Type.Object(
      {
        fps: Fps,
        width: Type.Integer({ minimum: 16, maximum: 7680, multipleOf: 2 }),
        height: Type.Integer({ minimum: 16, maximum: 4320, multipleOf: 2 }),
        generator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' })),
      },
      { ...Strict, description: 'Applies to every shot: the master and its shots share one rate and size.' },
    ),
    master: Type.Object(
      {
        name: Type.String({ pattern: NAME_PATTERN, description: 'The master Level Sequence asset name.' }),
        path: Type.String({ pattern: FOLDER_PATTERN, description: 'Content folder of the master, e.g. "/Game/Rushes/Previs".' }),
      },
      Strict,
    ),
    shots: Type.Array(Shot, { minItems: 1, maxItems: 200 }),
  },
  {
    ...Strict,
    $id: 'https://rushes.local/schemas/unreal-shotlist.json',
    title: 'Rushes Unreal shot list',
    description: 'Shots for `rushes unreal shots FILE`: one shot sequence per shot under a master Level Sequence.',
  },
);
export type ShotList = Static<typeof ShotList>;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const check = ajv.compile(ShotList);

/** A shot with its length settled in frames. */
export interface NormalizedShot {
  name: string;
  prompt: string;
  camera?: string;
  seed?: number;
  frames: number;
}

/** Validates a parsed shot list. Throws E_SHOTLIST_INVALID listing every problem with its JSON path. */
export function parseShotList(value: unknown, source = 'shot list'): ShotList {
  if (!check(value)) {
    const problems = (check.errors ?? [])
      // A union reports each branch; keep the branch errors short and drop Ajv's summary line.
      .filter((e) => e.keyword !== 'anyOf')
      .map((e) => {
        const at = e.instancePath || '/';
        if (e.keyword === 'additionalProperties') return `${at}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
        if (e.keyword === 'required') return `${at}: missing "${(e.params as { missingProperty: string }).missingProperty}"`;
        return `${at}: ${e.message ?? 'is invalid'}`;
      });
    const unique = [...new Set(problems)];
    throw new BridgeError(BridgeCode.SHOTLIST_INVALID, `The ${source} is not valid:\n  ${unique.join('\n  ')}`, { problems: unique });
  }
  const list = value as ShotList;
  const seen = new Map<string, string>();
  for (const s of list.shots) {
    // Unreal package names are case-insensitive: SH010 and sh010 would be one asset.
    const k = s.name.toLowerCase();
    if (seen.has(k)) {
      throw new BridgeError(BridgeCode.SHOTLIST_INVALID, `The ${source} names two shots "${seen.get(k)}" and "${s.name}"; shot names must be unique (ignoring case).`);
    }
    seen.set(k, s.name);
  }
  return list;
}

/** Frames of each shot at the list's rate: frames as given, or round(seconds * num / den). */
export function normalizeShots(list: ShotList): NormalizedShot[] {
  return list.shots.map((s) => {
    const frames = 'frames' in s ? s.frames : framesForDuration(s.durationSeconds, list.defaults.fps);
    if (frames < 1) {
      throw new BridgeError(BridgeCode.SHOTLIST_INVALID, `Shot "${s.name}" is shorter than one frame at ${list.defaults.fps.num}/${list.defaults.fps.den} fps.`);
    }
    const out: NormalizedShot = { name: s.name, prompt: s.prompt, frames };
    if (s.camera !== undefined) out.camera = s.camera;
    if (s.seed !== undefined) out.seed = s.seed;
    return out;
  });
}
