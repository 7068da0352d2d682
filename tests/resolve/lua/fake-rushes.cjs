// Stands in for `rushes shots FILE --json` (the CLI contract the lead implements): checks the shot list the
// Lua script wrote, strictly, and prints finished "clips" whose file names carry their frame count.
// A shot whose prompt contains "[refuse]" fails as a policy refusal; RUSHES_FAKE_LOG=path keeps the shot list it got.
'use strict';
const fs = require('fs');
const [cmd, file, flag] = process.argv.slice(2);
function die(msg) {
  process.stderr.write(`fake rushes: ${msg}\n`);
  process.exit(2);
}
if (cmd !== 'shots' || !file || flag !== '--json') die(`usage: rushes shots FILE --json (got ${process.argv.slice(2).join(' ')})`);
const list = JSON.parse(fs.readFileSync(file, 'utf8'));
if (process.env.RUSHES_FAKE_LOG) fs.writeFileSync(process.env.RUSHES_FAKE_LOG, JSON.stringify(list));
const d = list.defaults;
if (!d || !Number.isInteger(d.fps?.num) || !Number.isInteger(d.fps?.den)) die('defaults.fps must be {num, den} integers');
if (!Number.isInteger(d.width) || !Number.isInteger(d.height) || d.width % 2 || d.height % 2) die('defaults.width/height must be even integers');
if (!Array.isArray(d.formats) || !d.formats.includes('mp4')) die('defaults.formats must list mp4');
if (!Array.isArray(list.shots) || !list.shots.length) die('shots must be a non-empty array');
const shots = list.shots.map((s, i) => {
  if (typeof s.name !== 'string' || typeof s.prompt !== 'string' || !s.prompt) die(`shot ${i}: name and prompt are required`);
  if (!Number.isInteger(s.frames) || s.frames < 1 || 'durationSeconds' in s) die(`shot ${i}: frames must be a positive integer`);
  if (s.prompt.includes('[refuse]')) return { name: s.name, jobId: `job-${i + 1}`, state: 'failed', outputs: [], error: { code: 'E_POLICY', message: 'refused by policy' } };
  return {
    name: s.name,
    jobId: `job-${i + 1}`,
    state: 'done',
    outputs: [{ path: `/renders/${s.name}-${s.frames}f.mp4`, format: 'mp4', frameCount: s.frames, fps: d.fps }],
    error: null,
  };
});
process.stdout.write(JSON.stringify({ shots }) + '\n');
