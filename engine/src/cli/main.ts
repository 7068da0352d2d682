/**
 * The `rushes` command line. commander parses (help, errors and subcommands for free); each command is
 * a thin shell over the engine client or the daemon.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { RushesError, type Job } from '@rushes/shared';
import { startDaemon } from '../daemon';
import { homePaths, resolveHome } from '../home';
import { configFromEnv, loadConfigFile } from '../config';
import { formatModelList, listModels, modelRoots } from '../generators/onnx';
import { planWithReport } from '../generators/procedural';
import { ENGINE_VERSION } from '../version';
import { connectToEngine, withEngine } from './connect';
import { Exit, reportError } from './exit';
import { requestFromFlags, type GenerateFlags } from './request-options';
import { waitForJobs, type Finished } from './wait';
import { runShots } from './shots';
import { runVerify } from './verify';
import { DEFAULT_WATERMARK_SECONDS } from '../provenance/verify';

interface Common {
  home?: string;
  json?: boolean;
}

const out = (s: string): void => void process.stdout.write(s + '\n');
const err = (s: string): void => void process.stderr.write(s + '\n');

export function buildProgram(): Command {
  const program = new Command('rushes')
    .description('Rushes: generate video clips on your own machine and drop them into Premiere, Resolve and Unreal.')
    .version(ENGINE_VERSION)
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride();
  const home = new Option('--home <dir>', 'engine home folder (default: RUSHES_HOME or the OS data folder)');

  program
    .command('serve')
    .description('run the engine daemon in the foreground')
    .option('--port <n>', 'TCP port (0 picks a free one)', (v) => Number(v))
    .option('--host <addr>', 'address to bind; loopback unless you mean it')
    .addOption(home)
    .option('--quiet', 'log to the log file only')
    .action(async (o: { port?: number; host?: string; home?: string; quiet?: boolean }) => {
      const daemon = await startDaemon({
        ...(o.port !== undefined ? { port: o.port } : {}),
        ...(o.host ? { host: o.host } : {}),
        home: resolveHome(o.home),
        logToStderr: !o.quiet,
      });
      err(`Rushes engine ${ENGINE_VERSION} listening on ${daemon.url}`);
      err(`home ${daemon.home} (token in ${daemon.paths.token})`);
      let stopping = false;
      const stop = (sig: string) => {
        if (stopping) return;
        stopping = true;
        err(`${sig}: stopping (running jobs resume at the next start)`);
        void daemon.close().then(() => process.exit(0));
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      await new Promise(() => undefined);
    });

  program
    .command('generate')
    .description('generate one clip and print its path (uses the running engine, or starts one in this process)')
    .argument('[prompt]', 'what to generate, e.g. "slow dolly over a misty pine forest at dawn"')
    .option('--duration <seconds>', 'length in seconds (default 5)')
    .option('--frames <n>', 'length in frames (instead of --duration)')
    .option('--fps <rate>', 'frame rate: 24, 25, 29.97, 24000/1001 ... (default 24)')
    .option('--size <WxH>', 'frame size (default 1280x720)')
    .option('--seed <n>', 'seed; the same seed and prompt give the same clip')
    .option('--generator <id>', 'generator id (see `rushes status`)')
    .option('--format <fmt...>', 'mp4, prores or png (several allowed; default mp4)')
    .option('--name <label>', 'a name for the clip files')
    .option('--timecode <tc>', 'start timecode HH:MM:SS:FF')
    .option('--plan <file>', 'render an edited scene plan (from `rushes plan --json`)')
    .option('--out <path>', 'also copy the result here (a file; a folder for png)')
    .option('--key <idempotencyKey>', 'retry-safe key: the same key never makes two clips')
    .option('--json', 'print the finished job as JSON')
    .addOption(home)
    .action(async (prompt: string | undefined, o: GenerateFlags & Common & { out?: string; key?: string }) => {
      process.exitCode = await generate(prompt, o);
    });

  program
    .command('shots')
    .description('generate every shot of a shot list (JSON) and print the results; used by the Resolve Lua script')
    .argument('<file>', 'shot list JSON: {"defaults": {...}, "shots": [{"name", "prompt", "durationSeconds"}]}')
    .option('--json', 'print results as JSON')
    .addOption(home)
    .action(async (file: string, o: Common) => {
      process.exitCode = await runShots(file, o);
    });

  program
    .command('jobs')
    .description('list jobs, newest first')
    .option('--state <state...>', 'only these states')
    .option('--limit <n>', 'how many', (v) => Number(v), 20)
    .option('--json', 'JSON output')
    .addOption(home)
    .action(async (o: Common & { state?: string[]; limit: number }) => {
      process.exitCode = await withEngine(o, false, async (client) => {
        const { jobs } = await client.call('jobs.list', { limit: o.limit, ...(o.state ? { states: o.state as Job['state'][] } : {}) });
        if (o.json) out(JSON.stringify({ ok: true, jobs }));
        else if (!jobs.length) out('No jobs.');
        else for (const j of jobs) out(jobLine(j));
        return Exit.OK;
      });
    });

  program
    .command('cancel')
    .description('cancel a job (in any state)')
    .argument('<jobId>')
    .option('--json', 'JSON output')
    .addOption(home)
    .action(async (jobId: string, o: Common) => {
      process.exitCode = await withEngine(o, false, async (client) => {
        const r = await client.call('jobs.cancel', { jobId });
        if (o.json) out(JSON.stringify({ ok: true, ...r }));
        else out(`${r.jobId}: ${r.state}`);
        return Exit.OK;
      });
    });

  program
    .command('status')
    .description('is the engine running, and what can it do')
    .option('--json', 'JSON output')
    .addOption(home)
    .action(async (o: Common) => {
      const h = resolveHome(o.home);
      try {
        const handle = await connectToEngine({ home: h, embed: false });
        const hello = handle.client.hello!;
        const { jobs } = await handle.client.call('jobs.list', { states: ['queued', 'running', 'encoding'], limit: 500 });
        await handle.close();
        if (o.json) out(JSON.stringify({ ok: true, running: true, url: handle.url, home: h, ...hello, activeJobs: jobs.length }));
        else {
          out(`Rushes engine ${hello.engine.version} running at ${handle.url} (protocol ${hello.protocolVersion})`);
          out(`home ${h}; outputs in ${hello.capabilities.outputRoot}; ${jobs.length} active job(s)`);
          for (const g of hello.generators) {
            out(`  ${g.isDefault ? '*' : ' '} ${g.id.padEnd(12)} ${g.device}/${g.backend}  up to ${g.limits.maxWidth}x${g.limits.maxHeight}, ${g.limits.maxFrames} frames  ${g.description}`);
          }
        }
        process.exitCode = Exit.OK;
      } catch (e) {
        if (o.json) out(JSON.stringify({ ok: true, running: false, home: h, reason: (e as Error).message }));
        else out(`No Rushes engine is running for ${h}. Start it with \`rushes serve\`.`);
        process.exitCode = Exit.FAILED;
      }
    });

  program
    .command('pair')
    .description('print a one-time code that a plugin panel exchanges for the engine token')
    .option('--json', 'JSON output')
    .addOption(home)
    .action(async (o: Common) => {
      process.exitCode = await withEngine(o, false, async (client) => {
        const r = await client.call('pairing.create', {});
        if (o.json) out(JSON.stringify({ ok: true, ...r }));
        else out(`Pairing code: ${r.code}\nType it into the Rushes panel within 5 minutes. It works once.`);
        return Exit.OK;
      });
    });

  program
    .command('plan')
    .description('show the scene plan the procedural generator makes of a prompt (edit it, then `rushes generate --plan FILE`)')
    .argument('<prompt>')
    .option('--seed <n>', 'seed (the plan is deterministic per prompt and seed)', '1')
    .option('--duration <seconds>', 'clip length the plan is timed for', '5')
    .option('--json', 'print the plan as JSON, ready to edit')
    .action((prompt: string, o: { seed: string; duration: string; json?: boolean }) => {
      try {
        const seed = Number(o.seed);
        const durationSeconds = Number(o.duration);
        if (!Number.isInteger(seed) || seed < 0 || !(durationSeconds > 0)) throw new RushesError('E_INVALID', '--seed must be a whole number and --duration a positive number of seconds.');
        const r = planWithReport({ prompt, seed, durationSeconds });
        if (o.json) out(JSON.stringify(r.plan, null, 2));
        else {
          out(r.summary);
          out(`used:    ${r.usedWords.join(' ') || '(nothing)'}`);
          out(`ignored: ${r.ignoredWords.join(' ') || '(nothing)'}`);
        }
        process.exitCode = Exit.OK;
      } catch (e) {
        process.exitCode = reportError(e, !!o.json);
      }
    });

  program
    .command('models')
    .description('list the learned models for the onnx generator (HOME/models and the configured models folder)')
    .option('--json', 'JSON output')
    .addOption(home)
    .action((o: Common) => {
      const h = resolveHome(o.home);
      const cfg = { ...loadConfigFile(homePaths(h).config), ...configFromEnv() };
      const extra = cfg.modelsFolder ? [cfg.modelsFolder] : [];
      const list = listModels(h, extra);
      if (o.json) out(JSON.stringify({ ok: true, models: list }));
      else process.stdout.write(formatModelList(list, modelRoots(h, extra)));
      process.exitCode = Exit.OK;
    });

  program
    .command('verify')
    .description('what provenance a clip carries: C2PA manifest, invisible watermark, and the local job that made it')
    .argument('<file>', 'a video file, or the folder of a PNG sequence')
    .option('--trust-anchor <pem...>', 'PEM certificate(s) to trust as C2PA roots (this install\'s own root is always trusted)')
    .option('--start <seconds>', 'where to start looking for the watermark (default 0)')
    .option('--seconds <seconds>', `how much of the clip to read for the watermark (default ${DEFAULT_WATERMARK_SECONDS}; any 2 s is enough, more is surer)`)
    .option('--json', 'JSON output')
    .addOption(home)
    .action(async (file: string, o: Common & { trustAnchor?: string[]; start?: string; seconds?: string }) => {
      process.exitCode = await runVerify(file, o);
    });

  program
    .command('unreal')
    .description('build Unreal Sequencer shots from generated clips (`rushes unreal --help`)')
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { runUnrealCli } = await import('@rushes/unreal-bridge');
      process.exitCode = await runUnrealCli(args.length ? args : ['--help']);
    });

  return program;
}

function jobLine(j: Job): string {
  const pct = `${Math.round(j.progress * 100)}%`.padStart(4);
  return `${j.id}  ${j.state.padEnd(9)} ${pct}  ${j.request.width}x${j.request.height} ${j.request.frames}f  ${j.request.prompt.slice(0, 50)}`;
}

async function generate(prompt: string | undefined, o: GenerateFlags & Common & { out?: string; key?: string }): Promise<number> {
  const json = !!o.json;
  let request;
  try {
    request = requestFromFlags(prompt, o);
    if (o.out && (request.formats?.length ?? 1) > 1) throw new RushesError('E_INVALID', '--out takes one format; drop --out or ask for one --format.');
  } catch (e) {
    return reportError(e, json);
  }
  return withEngine(o, true, async (client, handle) => {
    const showBar = !json && process.stderr.isTTY;
    const bar = showBar
      ? new cliProgress.SingleBar(
          { format: ' {bar} {percentage}% | ETA {eta_formatted} | {message}', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let jobId: string | null = null;
    const onSigint = () => {
      if (jobId) void client.call('jobs.cancel', { jobId }).catch(() => undefined);
    };
    process.once('SIGINT', onSigint);
    try {
      const submitted = await client.call('jobs.submit', { request, idempotencyKey: o.key ?? randomUUID() });
      jobId = submitted.jobId;
      if (!json) err(`job ${jobId}${submitted.deduplicated ? ' (already submitted with this key)' : ''}${handle.embedded ? ' (engine started in this process)' : ''}`);
      bar?.start(100, 0, { message: 'Queued' });
      const results = await waitForJobs(client, [jobId], (p) => bar?.update(Math.round(p.progress * 100), { message: p.message }));
      bar?.stop();
      const fin = results.get(jobId)!;
      return await finishGenerate(fin, o, json, client);
    } catch (e) {
      bar?.stop();
      throw e;
    } finally {
      process.off('SIGINT', onSigint);
    }
  });
}

async function finishGenerate(
  fin: Finished,
  o: { out?: string },
  json: boolean,
  client: import('@rushes/shared').EngineClient,
): Promise<number> {
  if (fin.state !== 'done') {
    const e = new RushesError((fin.error?.code as 'E_INTERNAL') ?? 'E_INTERNAL', fin.error?.message ?? `Job ${fin.state}.`, fin.error?.rule ? { rule: fin.error.rule } : {});
    return reportError(e, json);
  }
  const copies: string[] = [];
  if (o.out) {
    const src = fin.outputs[0]!;
    const dest = path.resolve(o.out);
    if (src.format === 'png') fs.cpSync(src.path, dest, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src.path, dest);
    }
    copies.push(dest);
  }
  if (json) {
    const job = await client.call('jobs.get', { jobId: fin.jobId });
    out(JSON.stringify({ ok: true, job, ...(copies.length ? { copiedTo: copies } : {}) }));
  } else {
    for (const op of fin.outputs) out(op.path);
    for (const c of copies) out(c);
  }
  return Exit.OK;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : Exit.OK;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return Exit.OK;
    if (typeof code === 'string' && code.startsWith('commander.')) return Exit.INVALID;
    return reportError(e, argv.includes('--json'));
  }
}
