/**
 * The wire protocol, typed once. Each schema below is both a JSON Schema (validated at the socket with
 * Ajv, and published in `openrpc.json`) and, through `Static<>`, the TypeScript type every package
 * uses. Change a message here and the engine, the client, the plugins and the OpenRPC document all move
 * together (the OpenRPC test fails until `npm run openrpc` regenerates the document).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;

/**
 * A schema as plain JSON without the nested `$id`s: shared sub-schemas (Rational, Output...) carry an
 * `$id` for the OpenRPC document, and inside one compiled or published schema they would repeat.
 * Also drops TypeBox's symbol keys.
 */
export function withoutIds<T = unknown>(schema: unknown): T {
  return JSON.parse(JSON.stringify(schema, (k, v: unknown) => (k === '$id' ? undefined : v))) as T;
}

// ---------------------------------------------------------------------------------------------- values

export const Rational = Type.Object(
  {
    num: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    den: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { ...Strict, $id: 'Rational', description: 'An exact frame rate: 24000/1001 is 23.976 fps.' },
);
export type Rational = Static<typeof Rational>;

export const OutputFormat = Type.Union([Type.Literal('mp4'), Type.Literal('prores'), Type.Literal('png')], {
  $id: 'OutputFormat',
  description: 'mp4: H.264 yuv420p MP4. prores: ProRes 422 HQ MOV. png: a numbered PNG sequence.',
});
export type OutputFormat = Static<typeof OutputFormat>;

export const JobState = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('encoding'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ],
  { $id: 'JobState' },
);
export type JobState = Static<typeof JobState>;
export const FINAL_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];
export const isFinalState = (s: JobState): boolean => FINAL_STATES.includes(s);

const Timecode = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][:;][0-9]{2}$',
  description: 'SMPTE timecode HH:MM:SS:FF (";" before the frames for drop-frame).',
});

const FilePath = Type.String({ minLength: 1, maxLength: 4096 });

export const References = Type.Object(
  {
    image: Type.Optional(FilePath),
    audio: Type.Optional(FilePath),
    sketch: Type.Optional(FilePath),
  },
  { ...Strict, $id: 'References', description: 'Absolute paths to files a generator may condition on.' },
);
export type References = Static<typeof References>;

export const GenerationRequest = Type.Object(
  {
    prompt: Type.String({ minLength: 1, maxLength: 2000 }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Omitted: the engine picks one and reports it.' })),
    durationSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 600 })),
    frames: Type.Optional(Type.Integer({ minimum: 1, maximum: 36000 })),
    fps: Type.Optional(Rational),
    width: Type.Optional(Type.Integer({ minimum: 16, maximum: 7680, multipleOf: 2 })),
    height: Type.Optional(Type.Integer({ minimum: 16, maximum: 4320, multipleOf: 2 })),
    generator: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' })),
    formats: Type.Optional(Type.Array(OutputFormat, { minItems: 1, maxItems: 3, uniqueItems: true })),
    references: Type.Optional(References),
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 80, description: 'A label for the clip; the engine derives a safe file name from it.' }),
    ),
    startTimecode: Type.Optional(Timecode),
    plan: Type.Optional(
      Type.Unknown({ description: 'A scene plan (from `rushes plan --json`) for generators that take one; validated by that generator.' }),
    ),
  },
  {
    ...Strict,
    $id: 'GenerationRequest',
    description:
      'What to generate. Give durationSeconds or frames (not both); frames = round(durationSeconds * num / den). Defaults: 5 s, 24/1 fps, 1280x720, mp4, the default generator.',
  },
);
export type GenerationRequest = Static<typeof GenerationRequest>;

/** A request with every default filled in, as stored on the job and echoed to clients. */
export const ResolvedRequest = Type.Object(
  {
    prompt: Type.String(),
    seed: Type.Integer({ minimum: 0, maximum: 4294967295 }),
    frames: Type.Integer({ minimum: 1 }),
    durationSeconds: Type.Number(),
    fps: Rational,
    width: Type.Integer(),
    height: Type.Integer(),
    generator: Type.String(),
    formats: Type.Array(OutputFormat),
    references: Type.Optional(References),
    name: Type.String(),
    startTimecode: Type.String(),
    plan: Type.Optional(Type.Unknown()),
  },
  { ...Strict, $id: 'ResolvedRequest' },
);
export type ResolvedRequest = Static<typeof ResolvedRequest>;

export const ImageSequence = Type.Object(
  {
    pattern: Type.String({ description: 'printf-style file name inside `path`, e.g. "clip.%06d.png".' }),
    firstFrame: Type.Integer(),
    lastFrame: Type.Integer(),
    firstPath: Type.String({ description: 'Absolute path of the first frame (what Unreal ImgMediaSource wants).' }),
  },
  { ...Strict, $id: 'ImageSequence' },
);

export const Output = Type.Object(
  {
    format: OutputFormat,
    path: Type.String({ description: 'Absolute path: the file, or the folder of a PNG sequence.' }),
    mediaType: Type.String({ description: 'video/mp4, video/quicktime or image/png.' }),
    width: Type.Integer(),
    height: Type.Integer(),
    fps: Rational,
    frameCount: Type.Integer(),
    durationSeconds: Type.Number(),
    startTimecode: Type.String(),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Of the file; of the frames concatenated in order for a sequence.' }),
    bytes: Type.Integer(),
    posterPath: Type.Optional(Type.String({ description: 'Absolute path of a JPEG poster frame.' })),
    sequence: Type.Optional(ImageSequence),
  },
  { ...Strict, $id: 'Output' },
);
export type Output = Static<typeof Output>;

export const JobError = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    rule: Type.Optional(Type.String()),
  },
  { ...Strict, $id: 'JobError' },
);
export type JobError = Static<typeof JobError>;

export const Job = Type.Object(
  {
    id: Type.String(),
    state: JobState,
    request: ResolvedRequest,
    idempotencyKey: Type.String(),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    etaSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    message: Type.String(),
    createdAt: Type.String({ description: 'ISO 8601.' }),
    updatedAt: Type.String(),
    startedAt: Type.Union([Type.String(), Type.Null()]),
    finishedAt: Type.Union([Type.String(), Type.Null()]),
    attempts: Type.Integer({ minimum: 0, description: 'How many times the engine started rendering it (restarts after a crash add one).' }),
    outputs: Type.Array(Output),
    error: Type.Union([JobError, Type.Null()]),
    report: Type.Record(Type.String(), Type.Unknown(), {
      description: 'What the generator says about the job, e.g. the prompt words it used and ignored.',
    }),
  },
  { ...Strict, $id: 'Job' },
);
export type Job = Static<typeof Job>;

export const GeneratorLimits = Type.Object(
  {
    maxWidth: Type.Integer(),
    maxHeight: Type.Integer(),
    maxFrames: Type.Integer(),
    maxFps: Type.Number(),
  },
  { ...Strict, $id: 'GeneratorLimits' },
);
export type GeneratorLimits = Static<typeof GeneratorLimits>;

export const GeneratorInfo = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    version: Type.String(),
    inputs: Type.Array(Type.Union([Type.Literal('text'), Type.Literal('image'), Type.Literal('audio'), Type.Literal('sketch'), Type.Literal('plan')])),
    device: Type.Union([Type.Literal('cpu'), Type.Literal('gpu')]),
    backend: Type.String({ description: 'What actually runs it, e.g. "ffmpeg lavfi", "dawn-vulkan", "onnxruntime-cpu".' }),
    isDefault: Type.Boolean(),
    limits: GeneratorLimits,
  },
  { ...Strict, $id: 'GeneratorInfo' },
);
export type GeneratorInfo = Static<typeof GeneratorInfo>;

export const ClientInfo = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.String({ minLength: 1, maxLength: 32 }),
    host: Type.String({ minLength: 1, maxLength: 64, description: 'e.g. "premierepro 26.3", "resolve 20.2", "unreal 5.6", "cli".' }),
  },
  { ...Strict, $id: 'ClientInfo' },
);
export type ClientInfo = Static<typeof ClientInfo>;

// -------------------------------------------------------------------------------------------- methods

/** One method: its params and result schemas, and a line for the OpenRPC document. */
export interface MethodSpec<P extends TSchema = TSchema, R extends TSchema = TSchema> {
  summary: string;
  params: P;
  result: R;
  /** True for the few methods a client may call before `session.hello`. */
  beforeHello?: boolean;
  /** Error codes this method may return, for the OpenRPC document. */
  errors: readonly string[];
}

const JobId = Type.String({ minLength: 1, maxLength: 64 });

export const Methods = {
  'session.hello': {
    summary: 'Authenticate and learn what the engine can do. Must be the first call on a connection.',
    beforeHello: true,
    params: Type.Object(
      {
        protocolVersion: Type.Integer({ minimum: 1, description: 'The integer 1 for this version.' }),
        token: Type.String({ minLength: 1, maxLength: 256 }),
        client: ClientInfo,
      },
      Strict,
    ),
    result: Type.Object(
      {
        engine: Type.Object({ name: Type.String(), version: Type.String() }, Strict),
        protocolVersion: Type.Integer(),
        capabilities: Type.Object(
          {
            formats: Type.Array(OutputFormat),
            maxConcurrentJobs: Type.Integer(),
            outputRoot: Type.String(),
            maxMessageBytes: Type.Integer(),
          },
          Strict,
        ),
        generators: Type.Array(GeneratorInfo),
      },
      Strict,
    ),
    errors: ['E_AUTH', 'E_VERSION', 'E_INVALID'],
  },
  'session.pair': {
    summary: 'Exchange a short pairing code printed by `rushes pair` for a token, for clients that cannot read the engine\'s home folder.',
    beforeHello: true,
    params: Type.Object(
      { code: Type.String({ minLength: 4, maxLength: 16 }), client: ClientInfo },
      Strict,
    ),
    result: Type.Object({ token: Type.String() }, Strict),
    errors: ['E_AUTH', 'E_INVALID'],
  },
  'pairing.create': {
    summary: 'Make a one-time pairing code (what `rushes pair` prints). Valid for a few minutes, once.',
    params: Type.Object({}, Strict),
    result: Type.Object({ code: Type.String(), expiresAt: Type.String() }, Strict),
    errors: ['E_AUTH'],
  },
  'jobs.submit': {
    summary: 'Queue a generation. The same idempotencyKey always returns the same job and never makes a second clip.',
    params: Type.Object(
      {
        request: GenerationRequest,
        idempotencyKey: Type.String({ minLength: 1, maxLength: 128 }),
      },
      Strict,
    ),
    result: Type.Object(
      {
        jobId: Type.String(),
        deduplicated: Type.Boolean({ description: 'True when the key was seen before and the existing job is returned.' }),
        job: Job,
      },
      Strict,
    ),
    errors: ['E_AUTH', 'E_INVALID', 'E_POLICY', 'E_BUSY', 'E_UNSUPPORTED'],
  },
  'jobs.get': {
    summary: 'One job, whole.',
    params: Type.Object({ jobId: JobId }, Strict),
    result: Job,
    errors: ['E_AUTH', 'E_INVALID', 'E_NOT_FOUND'],
  },
  'jobs.list': {
    summary: 'Jobs, newest first.',
    params: Type.Object(
      {
        states: Type.Optional(Type.Array(JobState, { uniqueItems: true })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      },
      Strict,
    ),
    result: Type.Object({ jobs: Type.Array(Job) }, Strict),
    errors: ['E_AUTH', 'E_INVALID'],
  },
  'jobs.cancel': {
    summary: 'Cancel a job in any state. Cancelling a finished job is not an error; it reports the final state.',
    params: Type.Object({ jobId: JobId }, Strict),
    result: Type.Object({ jobId: Type.String(), state: JobState }, Strict),
    errors: ['E_AUTH', 'E_INVALID', 'E_NOT_FOUND'],
  },
  'jobs.subscribe': {
    summary:
      'Receive jobs.progress and jobs.finished for these jobs (or all jobs). Returns their current state, so a client that reconnects can catch up.',
    params: Type.Object(
      {
        jobIds: Type.Optional(Type.Array(JobId, { maxItems: 1000, uniqueItems: true })),
        all: Type.Optional(Type.Boolean()),
      },
      Strict,
    ),
    result: Type.Object({ jobs: Type.Array(Job) }, Strict),
    errors: ['E_AUTH', 'E_INVALID', 'E_NOT_FOUND'],
  },
  'jobs.unsubscribe': {
    summary: 'Stop receiving notifications for these jobs (or all of them).',
    params: Type.Object(
      {
        jobIds: Type.Optional(Type.Array(JobId, { maxItems: 1000 })),
        all: Type.Optional(Type.Boolean()),
      },
      Strict,
    ),
    result: Type.Object({ ok: Type.Boolean() }, Strict),
    errors: ['E_AUTH', 'E_INVALID'],
  },
} satisfies Record<string, MethodSpec>;

export type MethodName = keyof typeof Methods;
export type ParamsOf<M extends MethodName> = Static<(typeof Methods)[M]['params']>;
export type ResultOf<M extends MethodName> = Static<(typeof Methods)[M]['result']>;

// ---------------------------------------------------------------------------------------- notifications

export const Notifications = {
  'jobs.progress': {
    summary: 'A subscribed job moved: state change, progress, or a new message.',
    params: Type.Object(
      {
        jobId: Type.String(),
        state: JobState,
        progress: Type.Number({ minimum: 0, maximum: 1 }),
        etaSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
        message: Type.String(),
      },
      Strict,
    ),
  },
  'jobs.finished': {
    summary: 'A subscribed job reached a final state. Sent exactly once per job and connection.',
    params: Type.Object(
      {
        jobId: Type.String(),
        state: Type.Union([Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')]),
        outputs: Type.Array(Output),
        error: Type.Union([JobError, Type.Null()]),
        report: Type.Record(Type.String(), Type.Unknown()),
      },
      Strict,
    ),
  },
} satisfies Record<string, { summary: string; params: TSchema }>;

export type NotificationName = keyof typeof Notifications;
export type NotificationParams<N extends NotificationName> = Static<(typeof Notifications)[N]['params']>;

// --------------------------------------------------------------------------------------------- envelope

const RpcId = Type.Union([Type.String({ maxLength: 128 }), Type.Integer()]);

export const RpcRequest = Type.Object(
  {
    jsonrpc: Type.Literal('2.0'),
    id: Type.Optional(RpcId),
    method: Type.String({ minLength: 1, maxLength: 64 }),
    params: Type.Optional(Type.Union([Type.Object({}), Type.Array(Type.Unknown())])),
  },
  { ...Strict, $id: 'RpcRequest' },
);
export type RpcRequest = Static<typeof RpcRequest>;

export const RpcErrorObject = Type.Object(
  {
    code: Type.Integer(),
    message: Type.String(),
    data: Type.Optional(
      Type.Object(
        {
          code: Type.String({ description: 'Stable error code, e.g. E_AUTH.' }),
          rule: Type.Optional(Type.String()),
          errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, Strict))),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { ...Strict, $id: 'RpcErrorObject' },
);
export type RpcErrorObject = Static<typeof RpcErrorObject>;

export const RpcResponse = Type.Union(
  [
    Type.Object({ jsonrpc: Type.Literal('2.0'), id: Type.Union([RpcId, Type.Null()]), result: Type.Unknown() }, Strict),
    Type.Object({ jsonrpc: Type.Literal('2.0'), id: Type.Union([RpcId, Type.Null()]), error: RpcErrorObject }, Strict),
  ],
  { $id: 'RpcResponse' },
);
export type RpcResponse = Static<typeof RpcResponse>;
