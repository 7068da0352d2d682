/**
 * `rushes unreal ...`: the command line of the bridge. The engine's `rushes` CLI hands everything after
 * `unreal` to runUnrealCli, which returns the exit code instead of exiting, so it can be embedded and
 * tested.
 *
 *   rushes unreal shots FILE [--master /Game/Path/Name] [--rc-url ws://127.0.0.1:30020] [--engine-url URL] [--json]
 *   rushes unreal add --prompt TEXT [--duration S | --frames N] [--name N] [--folder /Game/...] [--json]
 *
 * Exit codes: 0 done; 2 bad usage or shot list; 3 Unreal refused or is unreachable (the message names the
 * setting); 4 engine unreachable or refused the token; 5 a clip failed; 1 anything else.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { EngineClient } from '@rushes/shared';
import { BridgeCode, BridgeError, isBridgeError } from './errors';
import { checkAddOptions, runAdd, type AddOptions, type AddSummary } from './commands/add';
import { prepareShots, runShots, type ShotsSummary } from './commands/shots';
import { connectEngine } from './engine/connect';
import type { GroupProgress } from './engine/group';
import { DEFAULT_RC_WS_URL, RemoteControlClient } from './rc/client';
import { BRIDGE_VERSION } from './version';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): CliIo => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
});

export function exitCodeFor(e: unknown): number {
  if (!isBridgeError(e)) return 1;
  switch (e.code) {
    case BridgeCode.USAGE:
    case BridgeCode.SHOTLIST_INVALID:
      return 2;
    case BridgeCode.ENGINE:
      return 4;
    case BridgeCode.JOB_FAILED:
      return 5;
    default:
      return e.code.startsWith('E_RC_') || e.code.startsWith('E_UNREAL_') ? 3 : 1;
  }
}

interface CommonOptions {
  rcUrl: string;
  rcPassphrase?: string;
  engineUrl?: string;
  home?: string;
  json?: boolean;
}

const positiveNumber = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0.');
  return n;
};
const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0.');
  return n;
};
const seedInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295) throw new InvalidArgumentError('expected a whole number from 0 to 4294967295.');
  return n;
};

function addCommon(cmd: Command, io: CliIo): Command {
  return cmd
    .addOption(new Option('--rc-url <url>', 'Unreal Remote Control: ws://host:30020 (HTTP 30010 as fallback) or http://host:30010').default(io.env.RUSHES_RC_URL || DEFAULT_RC_WS_URL))
    .addOption(new Option('--rc-passphrase <text>', 'Remote Control passphrase, if the project enforces one').env('RUSHES_RC_PASSPHRASE'))
    .option('--engine-url <url>', 'the Rushes engine (default: the one serving --home)')
    .option('--home <dir>', 'the engine home holding the token (default: RUSHES_HOME or the per-user data folder)')
    .option('--json', 'print the result as JSON on stdout');
}

/** Progress lines on stderr: one per state change of a clip, and the group's share every 10%. */
function progressPrinter(io: CliIo, json: boolean | undefined): (p: GroupProgress) => void {
  const seen = new Map<string, string>();
  let lastStep = -1;
  return (p) => {
    for (const item of p.items) {
      const was = seen.get(item.jobId);
      if (was !== item.state) {
        seen.set(item.jobId, item.state);
        const note = item.deduplicated && item.state === 'done' && !was ? ' (already rendered)' : '';
        if (json) io.stderr(JSON.stringify({ event: 'clip', label: item.label, jobId: item.jobId, state: item.state }) + '\n');
        else io.stderr(`  ${item.label}: ${item.state}${note}\n`);
      }
    }
    const step = Math.floor(p.fraction * 10);
    if (step !== lastStep) {
      lastStep = step;
      if (json) io.stderr(JSON.stringify({ event: 'progress', fraction: p.fraction, finished: p.finished, total: p.total }) + '\n');
      else io.stderr(`Generating: ${Math.round(p.fraction * 100)}% (${p.finished}/${p.total} clips finished)\n`);
    }
  };
}

/**
 * Opens Unreal first (so that a missing setting is reported before any clip is rendered); the engine is
 * connected on demand, after the editor check, and both are closed at the end.
 */
async function withConnections<T>(opts: CommonOptions, io: CliIo, work: (unreal: RemoteControlClient, engine: () => Promise<EngineClient>) => Promise<T>): Promise<T> {
  const connectOpts: Parameters<typeof RemoteControlClient.connect>[0] = { url: opts.rcUrl };
  if (opts.rcPassphrase) connectOpts.passphrase = opts.rcPassphrase;
  const unreal = await RemoteControlClient.connect(connectOpts);
  const held: { engine?: EngineClient } = {};
  try {
    return await work(unreal, async () => (held.engine ??= await connectEngine({ home: opts.home, engineUrl: opts.engineUrl, env: io.env })));
  } finally {
    held.engine?.close();
    await unreal.close();
  }
}

function printShots(io: CliIo, r: ShotsSummary, json?: boolean): void {
  if (json) return io.stdout(JSON.stringify(r, null, 2) + '\n');
  const fps = r.fps.den === 1 ? `${r.fps.num}` : `${r.fps.num}/${r.fps.den}`;
  io.stdout(`${r.masterCreated ? 'Created' : 'Updated'} ${r.master}: ${r.shots.length} shot(s), ${r.totalFrames} frames at ${fps} fps.\n`);
  for (const s of r.shots) io.stdout(`  ${s.name}  [${s.range[0]}, ${s.range[1]})  ${s.assetPath}${s.created ? '  (new)' : ''}\n`);
  if (r.removed.length) io.stdout(`Removed from the master (assets kept): ${r.removed.join(', ')}\n`);
  io.stdout(`Clips: ${r.generated} generated, ${r.reused} reused.\n`);
}

function printAdd(io: CliIo, r: AddSummary, json?: boolean): void {
  if (json) return io.stdout(JSON.stringify(r, null, 2) + '\n');
  io.stdout(
    `${r.reused ? 'Updated' : 'Placed'} the clip in ${r.sequence.name} at frames [${r.range[0]}, ${r.range[1]}) on media track ${r.trackIndex + 1}` +
      `${r.trackCreated ? ' (new track)' : ''}. Media: ${r.mediaAssetPath}. Seed ${r.seed}.\n`,
  );
}

/** Runs `rushes unreal <args>`; returns the exit code. `argv` is what follows `rushes unreal`. */
export async function runUnrealCli(argv: string[], ioOverride?: Partial<CliIo>): Promise<number> {
  const io: CliIo = { ...defaultIo(), ...ioOverride };
  const args = argv[0] === 'unreal' ? argv.slice(1) : argv;
  const program = new Command('rushes unreal')
    .description('Generate clips with Rushes and build Unreal Sequencer shots from them (Remote Control API + Python).')
    .version(BRIDGE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  addCommon(
    program
      .command('shots')
      .description('build (or update) a master Level Sequence with one shot per entry of a shot list')
      .argument('<file>', 'the shot list (JSON, see docs/UNREAL.md)')
      .option('--master <assetPath>', 'master asset path, e.g. /Game/Rushes/Previs/Master (overrides the list)'),
    io,
  ).action(async (file: string, o: CommonOptions & { master?: string }) => {
    const plan = prepareShots({ file, ...(o.master ? { master: o.master } : {}) });
    await withConnections(o, io, async (unreal, engine) => {
      const r = await runShots(plan, { unreal, engine, progress: progressPrinter(io, o.json) });
      printShots(io, r, o.json);
    });
  });

  addCommon(
    program
      .command('add')
      .description('generate one clip and place it at the playhead of the Level Sequence open in Sequencer')
      .requiredOption('--prompt <text>', 'what to generate')
      .option('--duration <seconds>', 'length in seconds (default 5)', positiveNumber)
      .option('--frames <n>', 'length in frames at the sequence rate', positiveInt)
      .option('--name <name>', 'asset name stem (default Clip)')
      .option('--folder <path>', 'content folder for the media assets (default /Game/Rushes/Clips)')
      .option('--width <px>', 'width (default 1280)', positiveInt)
      .option('--height <px>', 'height (default 720)', positiveInt)
      .option('--seed <n>', 'fix the result', seedInt)
      .option('--generator <id>', 'engine generator id'),
    io,
  ).action(
    async (
      o: CommonOptions & {
        prompt: string;
        duration?: number;
        frames?: number;
        name?: string;
        folder?: string;
        width?: number;
        height?: number;
        seed?: number;
        generator?: string;
      },
    ) => {
      const addOpts: AddOptions = {
        prompt: o.prompt,
        ...(o.duration !== undefined ? { durationSeconds: o.duration } : {}),
        ...(o.frames !== undefined ? { frames: o.frames } : {}),
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.folder !== undefined ? { folder: o.folder } : {}),
        ...(o.width !== undefined ? { width: o.width } : {}),
        ...(o.height !== undefined ? { height: o.height } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.generator !== undefined ? { generator: o.generator } : {}),
      };
      checkAddOptions(addOpts);
      await withConnections(o, io, async (unreal, engine) => {
        const r = await runAdd(addOpts, { unreal, engine, progress: progressPrinter(io, o.json) });
        printAdd(io, r, o.json);
      });
    },
  );

  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const json = args.includes('--json');
    if (json) io.stdout(JSON.stringify({ error: isBridgeError(e) ? e.toJSON() : { code: 'E_INTERNAL', message: String(e) } }, null, 2) + '\n');
    io.stderr(`Error: ${isBridgeError(e) ? e.describe() : (e as Error)?.stack ?? String(e)}\n`);
    return exitCodeFor(e);
  }
}

export { BridgeError };
