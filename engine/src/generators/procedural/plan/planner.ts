/**
 * Prompt -> ScenePlan. Pure and deterministic: the same prompt and seed always give the same plan.
 * It reads the prompt left to right, matching the longest known phrase at each point, applies simple
 * negation ("no people", "without text or rain"), and then fills everything the prompt did not say from
 * per-archetype defaults, choosing among good defaults with the seed (so two seeds give two looks).
 * It also reports which words it used and which it could not use, honestly: a word the renderer cannot
 * show ("people") is ignored, not used, unless the prompt asked to leave it out.
 */
import { LEXICON, FILLER, NEGATORS, type Effect } from './vocabulary';
import { splitPrompt, singular, type Token } from './words';
import { PALETTES, DEFAULT_PALETTES, EARTH_BLUE } from './palettes';
import { stream } from '../sim/rng';
import { STRUCTURE_BODIES } from '../sim/structures';
import { BUTTERFLY_MIX, HEAP_BODIES, OVERLAY_KINDS, TRAIN_KINDS, TULIP_MIX, isTrainKind, type TrainKind } from './schema';
import type {
  Archetype,
  BodyKind,
  CameraMove,
  Material,
  ParticleKind,
  PhysicsEventKind,
  ScenePlan,
  Setting,
  Subject,
  SubjectKind,
  TimeOfDay,
} from './schema';

export interface PlanInput {
  prompt: string;
  seed: number;
  /** The clip's length, when known: lets the planner tell whether "6 s" in the prompt was honoured. */
  durationSeconds?: number;
}

export interface PlanResult {
  plan: ScenePlan;
  usedWords: string[];
  ignoredWords: string[];
  /** Seconds the prompt asked for ("6 s"), if it said. */
  durationHintSeconds: number | null;
  summary: string;
}

interface Hit {
  effect: Effect;
  text: string;
  negated: boolean;
  /** A number written just before the phrase ("12 balls"). */
  number?: number;
}

/**
 * "motion blur" in a prompt: the film look's 180-degree shutter, 8 instants a frame (enough that a fast
 * pan reads as a smooth smear rather than 8 ghosts at 1080p; the plan can ask for up to 32).
 */
export const MOTION_BLUR = { shutterAngle: 180, samples: 8 } as const;
const ARCHETYPE_PRIORITY: Archetype[] = ['physics', 'product', 'urban', 'nature', 'abstract', 'text'];
const ABSTRACT_SUBJECTS: SubjectKind[] = ['gradient', 'shapes', 'rings', 'grid', 'ribbons'];
/** Particles that belong to weather or trees: with nothing else named they make a landscape, not a field. */
const NATURE_PARTICLES: ParticleKind[] = ['rain', 'snow', 'leaves', 'petals'];
const NATURE_SETTINGS: Setting[] = ['forest', 'mountains', 'ocean', 'meadow'];
const TREE_SETTINGS: Setting[] = ['forest', 'meadow'];
/** Open ground under a wide sky: a forest's canopy or the open sea would hide or waste it. */
const AURORA_SETTINGS: Setting[] = ['mountains', 'lake'];
/** The Milky Way over dark open ground: mountains, a lake or the desert. */
const MILKY_WAY_SETTINGS: Setting[] = ['mountains', 'lake', 'desert'];
/** Lightning with nowhere named: over open country or sea, where the whole bolt is seen. */
const LIGHTNING_SETTINGS: Setting[] = ['ocean', 'meadow', 'mountains', 'desert'];
/** Balloons with nowhere named: over open country or a valley. */
const BALLOON_SETTINGS: Setting[] = ['meadow', 'mountains'];
/** Open flat ground a launch pad stands on. */
const ROCKET_SETTINGS: Setting[] = ['desert', 'meadow'];
/** An airliner with nowhere named: against the sky over open country (over a forest the lens looked down at the trees). */
const AIRPLANE_SETTINGS: Setting[] = ['sky', 'meadow'];
/** Water seen from above (scene/pond.mts): no sky, no clouds, no waves; the sun high. */
const FROM_ABOVE: Setting[] = ['pond', 'pool'];
/** Subjects whose count is a tempo ("120 bpm"). */
const TEMPO_KINDS: SubjectKind[] = ['metronome', 'equalizer', 'waveform'];
/** What the space setting draws. */
const SPACE_KINDS = ['nebula', 'planet', 'asteroids', 'black-hole', 'galaxy', 'warp', 'eclipse', 'solar-system'] as const satisfies readonly SubjectKind[];
type SpaceKind = (typeof SPACE_KINDS)[number];
/** Kites with nowhere named: on a beach or a field. */
const KITE_SETTINGS: Setting[] = ['coast', 'meadow'];
/** Where a train's track can run: open country and valleys (on water, a track lay on the waves). */
const TRAIN_SETTINGS: Setting[] = ['meadow', 'mountains', 'desert', 'forest'];
const TRAIN_DEFAULT_SETTINGS: Setting[] = ['meadow', 'mountains'];
/** Plains a tornado crosses. */
const TORNADO_SETTINGS: Setting[] = ['meadow'];
/** Open ground a fairground's wheel stands on. */
const FERRIS_SETTINGS: Setting[] = ['meadow'];
/** Fireworks with nowhere named: over water, which doubles them. */
const FIREWORKS_SETTINGS: Setting[] = ['lake', 'ocean'];
/** Palettes that are colours, not styles: a colour word does not replace them. */
const COLOUR_PALETTES = ['gold', 'teal-orange', 'autumn', 'winter', 'blossom', 'white', 'festive', 'tropical', 'dust'];
/** A countdown with no number named counts down from 10. */
const COUNTDOWN_DEFAULT = 10;

/** The number a countdown starts from, if the prompt names one (1 to 99). */
export function countdownStart(prompt: string): number | null {
  const p = prompt.toLowerCase();
  const m = /count\s*-?\s*down(?:\s+(?:timer|clock|leader))?\s+(?:from\s+)?(\d{1,2})\b/.exec(p) ?? /\b(\d{1,2})\s*(?:to|-)\s*(?:1|0|zero|one)\b/.exec(p) ?? /\b(\d{1,2})\s*(?:-\s*)?second\s+count\s*-?\s*down\b/.exec(p) ?? /\bfrom\s+(\d{1,2})\b/.exec(p);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 99 ? n : null;
}

/** Red blood cells' colour when none is named. */
const BLOOD_RED = '#b3121b';
/** Gold as a colour (beside another, on a field of light). */
const GOLD = '#d9a93a';
/** Gears' colour when none is named: machined steel. */
const STEEL = '#b9bec6';
/** Digital rain's colour when none is named: the phosphor green it is known by. */
const CODE_GREEN = '#2cff6e';
/** A heart monitor's trace when no colour is named: a patient monitor's green. */
const MONITOR_GREEN = '#3dff7a';
/** A circuit board's traces when no colour is named: the cyan of tech footage. */
const CIRCUIT_CYAN = '#2fd4ff';
/** Nerve cells glow electric blue in the pictures people know them from, unless a colour is named. */
const NEURON_BLUE = '#4f8cff';
/** Cells under a fluorescence microscope: the green of the commonest stain (GFP), unless a colour is named. */
const STAIN_GREEN = '#3fdc6a';
/** A network's arcs over the globe: the cyan of corporate data graphics. */
const GLOBE_LINK_CYAN = '#35d0ff';
/** A helix or a network on a background named (whose palette is that background's shades) is a science blue. */
const HELIX_ON_A_FIELD = '#3fa9f5';
/** The field ink is seen against when no background is named: the white palette's. */
const INK_FIELD = '#f5f3ef';
/** A car's paint when no colour is named: red, white, black, silver, deep blue. */
const CAR_PAINTS = ['#a3131c', '#e4e4e2', '#16181c', '#8f969d', '#1b3a73'];
/** Landscapes a road can run through (scene/road.mts). */
const ROAD_SETTINGS: Setting[] = ['mountains', 'desert', 'meadow', 'forest'];
/** Where a shot of these goes when the prompt names nowhere; the first named in this order decides. */
/** Water boats float on; with nowhere named, the sea or a lake. */
const BOAT_SETTINGS: Setting[] = ['ocean', 'lake'];
const BOAT_WATERS: Setting[] = ['ocean', 'coast', 'lake', 'river'];
/**
 * Landscape subjects placed by a rule of their own, only where they belong (a lighthouse off a beach,
 * boats on water, a cabin in a clearing, fish under the sea...): the catch-all that adds any other nature
 * word leaves them alone, and their words are reported as ignored where the rule did not place them.
 */
const PLACED_BY_RULE: SubjectKind[] = ['bamboo', 'canyon', 'ice', 'wind-turbines', 'solar-panels', 'rainbow', 'lanterns', 'icebergs', 'lighthouse', 'hills', 'sun-rays', 'boats', 'sailboats', 'cabin', 'tall-grass', 'wheat', 'fish', 'coral', 'jellyfish', 'koi', 'lily-pads', 'flowers', 'sunflowers', 'tulips', 'volcano', 'ripples', 'pyramids', 'windmill', 'bridge'];
const SKY_SUBJECT_SETTINGS: Array<[SubjectKind, Setting[]]> = [
  ['aurora', AURORA_SETTINGS],
  ['fireworks', FIREWORKS_SETTINGS],
  ['lightning', LIGHTNING_SETTINGS],
  ['milky-way', MILKY_WAY_SETTINGS],
  ['star-trails', MILKY_WAY_SETTINGS],
  ['meteors', MILKY_WAY_SETTINGS],
  ['hot-air-balloons', BALLOON_SETTINGS],
  ['rocket', ROCKET_SETTINGS],
  ['airplane', AIRPLANE_SETTINGS],
  ['kites', KITE_SETTINGS],
  ['flag', ['sky', 'meadow']],
  ['train', TRAIN_DEFAULT_SETTINGS],
  ['steam-train', TRAIN_DEFAULT_SETTINGS],
  ['freight-train', TRAIN_DEFAULT_SETTINGS],
  ['contrail', ['sky']],
  ['tornado', TORNADO_SETTINGS],
  ['ferris-wheel', FERRIS_SETTINGS],
  ['boats', BOAT_SETTINGS],
  ['sailboats', BOAT_SETTINGS],
];
const SUBJECT_ARCHETYPE: Partial<Record<SubjectKind, Archetype>> = {
  'pine-trees': 'nature', meteors: 'nature', 'broadleaf-trees': 'nature', 'palm-trees': 'nature', bamboo: 'nature', canyon: 'nature', ice: 'nature', 'wind-turbines': 'nature', 'solar-panels': 'nature', rainbow: 'nature', lanterns: 'nature', icebergs: 'nature', lighthouse: 'nature', hills: 'nature', 'sun-rays': 'nature', boats: 'nature', sailboats: 'nature', cabin: 'nature', 'tall-grass': 'nature', wheat: 'nature', fish: 'nature', coral: 'nature', jellyfish: 'nature', flowers: 'nature', sunflowers: 'nature', tulips: 'nature', volcano: 'nature', ripples: 'nature', mountains: 'nature', waves: 'nature', clouds: 'nature', rocks: 'nature', grass: 'nature', fire: 'nature', aurora: 'nature', 'milky-way': 'nature', 'star-trails': 'nature', waterfall: 'nature',
  pyramids: 'nature',
  windmill: 'nature',
  bridge: 'nature',
  buildings: 'urban', 'street-lights': 'urban', cars: 'urban', 'light-trails': 'urban', 'neon-signs': 'urban',
  gradient: 'abstract', shapes: 'abstract', rings: 'abstract', grid: 'abstract', ribbons: 'abstract', nebula: 'abstract', planet: 'abstract', asteroids: 'abstract', 'black-hole': 'abstract', eclipse: 'abstract', 'solar-system': 'abstract', 'globe-links': 'abstract', galaxy: 'abstract', 'party-balloons': 'abstract', hearts: 'abstract', 'stage-lights': 'abstract', lasers: 'abstract', 'disco-ball': 'abstract', 'light-streaks': 'abstract', warp: 'abstract', helix: 'abstract', network: 'abstract', 'code-rain': 'abstract', hexagons: 'abstract', sparklers: 'abstract', gears: 'abstract', 'bar-chart': 'abstract', 'line-chart': 'abstract', 'light-leaks': 'abstract', 'lens-flare': 'abstract', molecules: 'abstract', atom: 'abstract', 'blood-cells': 'abstract', kaleidoscope: 'abstract', glitch: 'abstract', 'christmas-tree': 'abstract',
  bottle: 'product', can: 'product', phone: 'product', box: 'product', mug: 'product', watch: 'product', vase: 'product', orb: 'product',
  tumbler: 'product', 'wine-glass': 'product', candle: 'product', pumpkin: 'product', fireplace: 'product', hourglass: 'product', clock: 'product', cradle: 'product', record: 'product', podium: 'product', metronome: 'product', pendulum: 'product', cake: 'product', chess: 'product', 'rubiks-cube': 'product',
  raindrops: 'abstract',
  heartbeat: 'abstract',
  equalizer: 'abstract',
  'chroma-key': 'abstract',
  'film-damage': 'abstract',
  neurons: 'abstract',
  cells: 'abstract',
  'tv-static': 'abstract',
  waveform: 'abstract',
  circuit: 'abstract',
  hud: 'abstract',
  powder: 'abstract',
  koi: 'nature',
  'lily-pads': 'nature',
};

/** Reads the prompt into recognised phrases (with negation) and the words left over. */
function readTerms(tokens: Token[]): { hits: Hit[]; used: string[]; ignored: string[] } {
  const hits: Hit[] = [];
  const used: string[] = [];
  const ignored: string[] = [];
  let negating = false;
  let negator: string | null = null;
  let pendingNumber: { value: number; raw: string } | null = null;

  const startsPhrase = (at: number): boolean => {
    for (let n = Math.min(LEXICON.maxWords, tokens.length - at); n >= 2; n--) {
      const slice = tokens.slice(at, at + n);
      if (!slice.some((t) => t.separator) && LEXICON.phrases.has(slice.map((t) => t.norm).join(' '))) return true;
    }
    return false;
  };
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i]!;
    if (tok.separator) {
      // A comma keeps a negated list going ("no rain, fog or wind"); a full stop ends it.
      if (tok.raw !== ',') negating = false;
      flushNumber();
      i++;
      continue;
    }
    // A negator that begins a phrase of its own ("no signal") is that phrase, not a negation.
    if (NEGATORS.has(tok.norm) && !startsPhrase(i)) {
      negating = true;
      negator = tok.raw;
      i++;
      continue;
    }
    if (/^\d+$/.test(tok.norm)) {
      flushNumber();
      pendingNumber = { value: Number(tok.norm), raw: tok.raw };
      i++;
      continue;
    }
    // Longest phrase first.
    let matched = 0;
    let effect: Effect | undefined;
    for (let n = Math.min(LEXICON.maxWords, tokens.length - i); n >= 1; n--) {
      const slice = tokens.slice(i, i + n);
      if (slice.some((t) => t.separator)) continue;
      const key = slice.map((t) => t.norm).join(' ');
      effect = LEXICON.phrases.get(key) ?? (n === 1 ? lookupSingular(key) : undefined);
      if (effect) {
        matched = n;
        break;
      }
    }
    if (!effect) {
      if (FILLER.has(tok.norm) || tok.norm.length <= 1) {
        // "and" continues a negated list only when a term follows directly; articles end it.
        if (negating && !['and', 'or', 'nor', 'any', 'more'].includes(tok.norm)) negating = false;
      } else {
        ignored.push(tok.raw);
        negating = false;
      }
      i++;
      continue;
    }
    const text = tokens
      .slice(i, i + matched)
      .map((t) => t.raw)
      .join(' ');
    const hit: Hit = { effect, text, negated: negating };
    if (pendingNumber) {
      hit.number = pendingNumber.value;
      used.push(pendingNumber.raw);
      pendingNumber = null;
    }
    hits.push(hit);
    if (negating) {
      if (negator) used.push(negator);
      negator = null;
      used.push(text);
    } else if (effect.unrenderable) {
      ignored.push(text);
    } else {
      used.push(text);
    }
    i += matched;
  }
  flushNumber();
  return { hits, used, ignored };

  function flushNumber(): void {
    if (pendingNumber) ignored.push(pendingNumber.raw);
    pendingNumber = null;
  }
}

function lookupSingular(word: string): Effect | undefined {
  const s = singular(word);
  return s ? LEXICON.phrases.get(s) : undefined;
}

/** The whole planner: prompt and seed in, plan and report out. */
export function planPrompt(input: PlanInput): PlanResult {
  const { prompt, seed } = input;
  const rng = stream(seed, 'plan');
  const split = splitPrompt(prompt);
  const { hits, used, ignored } = readTerms(split.tokens);
  const live = hits.filter((h) => !h.negated);
  // Streaks of light in a street or on a road are its light trails ("light streaks on a highway at night").
  const streetContext = live.some((h) => h.effect.setting === 'street' || h.effect.setting === 'city' || h.effect.setting === 'town' || h.effect.subject === 'road' || h.effect.subject === 'cars' || h.effect.subject === 'buildings');
  if (streetContext) for (const h of live) if (h.effect.subject === 'light-streaks') h.effect = LEXICON.phrases.get('light trails')!;
  /** Moves a recognised term the shot ends up not showing from the used words to the ignored ones. */
  const reportIgnored = (h: Hit): void => {
    const at = used.indexOf(h.text);
    if (at < 0) return;
    used.splice(at, 1);
    ignored.push(h.text);
  };
  // A factory's chimneys are the factory's, not a cabin's ("a factory with smoking chimneys" drew a cabin);
  // so is its steam (a cooling tower's steam drew a mug of coffee).
  if (live.some((h) => h.effect.excludes === 'factories')) {
    for (const h of live) if ((/chimney/.test(h.text) && h.effect.subject === 'cabin') || (h.effect.subject === 'steam' && /^(steam|steaming|vapou?r)$/.test(h.text))) {
      h.effect = LEXICON.phrases.get('factory chimneys')!;
      reportIgnored(h);
    }
  }
  const exclude = [
    ...new Set([...hits.filter((h) => h.negated && h.effect.excludes).map((h) => h.effect.excludes!), ...live.map((h) => h.effect.clears).filter((c): c is string => !!c)]),
  ];
  const excluded = (what: string) => exclude.includes(what);

  // ---------------------------------------------------------------- archetype
  const votes: Record<Archetype, number> = { nature: 0, urban: 0, abstract: 0, product: 0, text: 0, physics: 0 };
  // A road or a car with a landscape named and no town ("a sports car on a mountain road", "highway
  // through the desert", "driving through the forest") is that landscape with a road through it: their
  // votes go to nature. A road alone, or in a city or a town, stays a street. Falling leaves or petals
  // name a landscape too: they come from trees ("leaves blowing across a road in autumn" was a city street
  // at night).
  const landscape = live.some((h) => (h.effect.setting && ROAD_SETTINGS.includes(h.effect.setting)) || h.effect.particles === 'leaves' || h.effect.particles === 'petals');
  const townNamed = live.some((h) => h.effect.setting === 'city' || h.effect.setting === 'town' || (h.effect.setting === 'street' && h.effect.subject !== 'road'));
  const onTheRoad = (h: Hit) => h.effect.subject === 'road' || h.effect.subject === 'cars';
  const ruralRoad = landscape && !townNamed && live.some(onTheRoad) && !excluded('road');
  // A train in a station or a subway is not a train crossing a landscape: its words do not vote for one.
  const trainBelow = live.some((h) => h.effect.indoors || (h.effect.unrenderable && h.effect.excludes === 'trains'));
  const isTrain = (h: Hit) => isTrainKind(h.effect.subject);
  // Lights in a room are not a city's lights ("a server room with blinking lights" was a skyline at night).
  const indoors = live.some((h) => h.effect.indoors);
  const roomLights = (h: Hit) => indoors && h.effect.subject === 'street-lights' && /^(lights|lamps)$/.test(h.text);
  for (const h of live) {
    const archetypeVotes = (trainBelow && isTrain(h)) || roomLights(h) ? {} : ruralRoad && onTheRoad(h) ? { nature: 3 } : (h.effect.archetype ?? {});
    for (const [k, v] of Object.entries(archetypeVotes)) votes[k as Archetype] += v ?? 0;
  }
  const quotes = excluded('text') ? [] : split.quotes;
  const hasPhysicsEvent = live.some((h) => h.effect.physics);
  const hasBody = live.some((h) => h.effect.body);
  // Bodies without an event ("marbles") or events without bodies ("falling leaves") are weak evidence.
  if (!(hasPhysicsEvent && hasBody) && votes.physics > 0 && Math.max(votes.nature, votes.urban, votes.product, votes.abstract) >= votes.physics) {
    votes.physics = 0;
  }
  // A product named with an event and no bodies ("perfume bottle with water splash") is the product shot:
  // the splash had no product in it, only a pile of balls dropped into a tank.
  if (!hasBody && live.some((h) => h.effect.subject && SUBJECT_ARCHETYPE[h.effect.subject] === 'product' && !excluded(h.effect.subject))) votes.physics = 0;
  // "falling snow", "confetti falling": with no bodies named, what falls is the particles, not a pile of cubes.
  if (hasPhysicsEvent && !hasBody && live.some((h) => h.effect.particles || h.effect.condition === 'snow' || h.effect.condition === 'rain')) {
    votes.physics = 0;
  }
  // Falling petals, leaves or snow "on a white background" with no place or thing named are a field of
  // them (it was a pine forest in the snow of petals).
  const backdropText = (h: Hit) => /\b(background|backdrop)\b/.test(h.text);
  const backdropNamed = live.some((h) => h.effect.background || backdropText(h));
  const onlyParticles = live.some((h) => h.effect.particles) && !live.some((h) => h.effect.setting || h.effect.subject || h.effect.body);
  if (backdropNamed && onlyParticles) votes.abstract = Math.max(...Object.values(votes)) + 1;
  // Fire "on a black background" with nowhere and nothing else named is the flames themselves on that
  // field (a compositing element), not a campfire in a pine forest.
  const onlyFire = live.some((h) => h.effect.subject === 'fire') && !excluded('fire') && !live.some((h) => h.effect.setting || h.effect.body || (h.effect.subject && h.effect.subject !== 'fire'));
  // ("in the dark" names a dark field too, but a campfire in the dark is still a campfire.)
  const backdropWords = live.some((h) => backdropText(h) || /^on (black|white)$/.test(h.text));
  // A fire in a room we do not draw ("a chef cooking in a kitchen with flames") is the flames on that
  // dark field too: it was a campfire in a pine forest.
  if ((backdropWords || indoors) && onlyFire) votes.abstract = Math.max(...Object.values(votes)) + 1;
  // Quoted text or a countdown on a field named ("on black", "on a blue background") with nothing else
  // asked for is the text on that field: it was the abstract motion background, a white ribbon crossing behind the words.
  const backdropOnly = (h: Hit) => (h.effect.background !== undefined || backdropText(h)) && !h.effect.subject && !h.effect.particles && !h.effect.setting && !h.effect.body;
  const otherVoters = live.filter((h) => Object.entries(h.effect.archetype ?? {}).some(([k, v]) => k !== 'text' && (v ?? 0) > 0));
  const textAsked = split.quotes.length > 0 || live.some((h) => h.effect.textMode === 'countdown' || h.effect.textMode === 'progress' || h.effect.textMode === 'code' || h.effect.textMode === 'ticker');
  if (textAsked && !excluded('text') && otherVoters.length && otherVoters.every(backdropOnly)) {
    for (const k of Object.keys(votes) as Archetype[]) if (k !== 'text') votes[k] = 0;
  }
  let archetype: Archetype;
  const best = Math.max(...Object.values(votes));
  if (best <= 0) {
    if (quotes.length) archetype = 'text';
    // Embers, sparks or motes with nowhere named ("embers floating in the dark") are a field of them: in a
    // landscape with no fire they were nowhere to be seen.
    else if (live.some((h) => h.effect.particles && !NATURE_PARTICLES.includes(h.effect.particles))) archetype = 'abstract';
    // A room we do not draw is not a landscape: its light and mood on a field instead of a forest.
    else if (live.some((h) => h.effect.indoors)) archetype = 'abstract';
    else if (live.some((h) => h.effect.timeOfDay || h.effect.condition)) archetype = 'nature';
    else archetype = 'abstract';
  } else {
    archetype = ARCHETYPE_PRIORITY.find((a) => votes[a] === best)!;
    // Text only wins outright when nothing else was asked for; otherwise it is an overlay.
    if (archetype === 'text' && Object.entries(votes).some(([k, v]) => k !== 'text' && v > 0)) {
      archetype = ARCHETYPE_PRIORITY.filter((a) => a !== 'text').reduce((a, b) => (votes[b] > votes[a] ? b : a));
    }
  }
  const countdown = live.some((h) => h.effect.textMode === 'countdown') && !excluded('text');
  const progress = !countdown && live.some((h) => h.effect.textMode === 'progress') && !excluded('text');
  const code = !countdown && !progress && live.some((h) => h.effect.textMode === 'code') && !excluded('text');
  const ticker = !countdown && !progress && !code && live.some((h) => h.effect.textMode === 'ticker') && !excluded('text');
  const creditsRoll = !countdown && !progress && !code && !ticker && quotes.length > 0 && live.some((h) => h.effect.textMode === 'credits');
  if (archetype === 'text' && quotes.length === 0 && votes.text > 0 && !countdown && !progress && !code && !ticker) {
    // "a title card" with nothing in quotes: there is no text to set; show the background it would sit on.
    archetype = 'abstract';
  }

  // ---------------------------------------------------------------- setting and subjects
  const first = <K extends keyof Effect>(key: K): Effect[K] | undefined => live.find((h) => h.effect[key] !== undefined)?.effect[key];
  const countHit = live.find((h) => h.effect.count !== undefined || h.number !== undefined);
  const countWord = countHit?.number ?? countHit?.effect.count;
  // "a lone tree", "three trees": a few trees stand in a field; a forest is hundreds.
  const fewTrees = countWord !== undefined && countWord <= 3 && live.some((h) => h.effect.setting === 'forest' && /\btrees?\b/.test(h.text));
  const wordSettings = live.map((h) => (fewTrees && h.effect.setting === 'forest' ? 'meadow' : h.effect.setting)).filter((s): s is Setting => !!s);
  // Jellyfish, fish and coral in the sea, or bubbles rising in water (not soap bubbles), are seen from under
  // its surface: "jellyfish glowing in dark water" was the open sea's waves with nothing in them.
  const marineInSea =
    wordSettings.includes('ocean') &&
    !wordSettings.includes('coast') &&
    live.some((h) => h.effect.subject === 'fish' || h.effect.subject === 'coral' || h.effect.subject === 'jellyfish' || (h.effect.particles === 'bubbles' && !/soap|floating|iridescent/.test(h.text)));
  let setting: Setting;
  switch (archetype) {
    case 'nature':
      // Falling leaves or petals come from trees: a forest or a meadow, not open sea or bare peaks.
      // The sky is the setting only when nothing on the ground is named ("clouds over the ocean" is the ocean).
      // The shore is the more particular place: "ocean waves crashing on rocks" is the coast, not open sea.
      // Under the sea is the more particular place still ("under the sea" names the sea too).
      setting =
        (wordSettings.includes('underwater') || marineInSea ? 'underwater' : undefined) ??
        // A koi pond or a lily pond is the more particular water (it names a pond, which reads as a lake).
        (wordSettings.includes('pond') ? 'pond' : undefined) ??
        (wordSettings.includes('pool') ? 'pool' : undefined) ??
        (wordSettings.includes('coast') && wordSettings.includes('ocean') ? 'coast' : undefined) ??
        wordSettings.find((s) => ['forest', 'mountains', 'ocean', 'coast', 'lake', 'river', 'meadow', 'desert'].includes(s)) ??
        // Fish and coral with nowhere named are under the sea.
        (live.some((h) => h.effect.subject === 'fish' || h.effect.subject === 'coral' || h.effect.subject === 'jellyfish') ? 'underwater' : undefined) ??
        // Boats at sunset are on the sea, not in the sky.
        (live.some((h) => h.effect.subject === 'boats' || h.effect.subject === 'sailboats') ? 'ocean' : undefined) ??
        // A suspension bridge spans open water (a train crossing one stays on its line, the bridge not drawn).
        (live.some((h) => h.effect.subject === 'bridge') && !live.some((h) => isTrainKind(h.effect.subject)) ? 'ocean' : undefined) ??
        // Sunbeams with nowhere named slant through a forest (over the sea they are reported as ignored), a
        // cabin stands in the woods, tall grass and wheat grow in a meadow: at sunset too, not in the sky.
        (live.some((h) => h.effect.subject === 'sun-rays' || h.effect.subject === 'cabin') ? 'forest' : undefined) ??
        (live.some((h) => h.effect.subject === 'tall-grass' || h.effect.subject === 'wheat' || h.effect.subject === 'flowers' || h.effect.subject === 'sunflowers' || h.effect.subject === 'tulips' || h.effect.subject === 'butterflies') ? 'meadow' : undefined) ??
        // Wind turbines and solar panels stand in open country.
        (live.some((h) => h.effect.subject === 'wind-turbines' || h.effect.subject === 'solar-panels' || h.effect.subject === 'windmill') ? 'meadow' : undefined) ??
        wordSettings.find((s) => s === 'sky') ??
        rng.pick(
          live.some((h) => h.effect.particles === 'fireflies')
            ? ['meadow']
            : live.some((h) => h.effect.particles === 'leaves' || h.effect.particles === 'petals')
            ? TREE_SETTINGS
            : (SKY_SUBJECT_SETTINGS.find(([kind]) => live.some((h) => h.effect.subject === kind))?.[1] ?? NATURE_SETTINGS),
        );
      break;
    case 'urban':
      // Neon signs hang in a street: with no place named, that is where the shot is.
      setting = wordSettings.find((s) => s === 'city' || s === 'street' || s === 'town') ?? (live.some((h) => h.effect.subject === 'neon-signs') ? 'street' : 'city');
      break;
    case 'product':
      setting = 'studio';
      break;
    case 'physics':
      setting = wordSettings.find((s) => ['studio', 'meadow', 'desert', 'city', 'street'].includes(s)) ?? 'studio';
      break;
    default:
      setting = archetype === 'abstract' && wordSettings.includes('space') ? 'space' : 'void';
  }

  const fireworks = live.some((h) => h.effect.subject === 'fireworks') && !excluded('fireworks');
  const lightning = live.some((h) => h.effect.subject === 'lightning') && !excluded('lightning');
  const balloons = live.some((h) => h.effect.subject === 'hot-air-balloons') && !excluded('balloons');
  const timeOfDay: TimeOfDay =
    first('timeOfDay') ??
    (fireworks || (live.some((h) => h.effect.subject === 'neon-signs') && !excluded('neon'))
      ? 'night'
      : balloons
        ? // Balloons fly in the calm of early morning.
          rng.pick<TimeOfDay>(['dawn', 'morning', 'golden-hour'])
      : live.some((h) => h.effect.subject === 'rainbow')
        ? // A rainbow needs the sun behind the camera and low: morning or afternoon, not noon or dusk.
          rng.pick<TimeOfDay>(['morning', 'morning', 'golden-hour'])
      : live.some((h) => h.effect.subject === 'icebergs')
        ? // Polar seas in the low, clear light of a long day.
          rng.pick<TimeOfDay>(['morning', 'noon', 'morning', 'golden-hour'])
      : live.some((h) => h.effect.subject === 'bamboo')
        ? // A bamboo grove's greens are at their best in the day's soft light.
          rng.pick<TimeOfDay>(['morning', 'noon', 'morning'])
      : live.some((h) => h.effect.palette === 'tropical')
        ? // Turquoise water is seen with the sun high: at golden hour it is the sky's colour.
          rng.pick<TimeOfDay>(['noon', 'morning', 'morning'])
      : live.some((h) => h.effect.subject === 'raindrops') && !excluded('raindrops')
        ? // Rain on a window is mostly shot against lights after dark.
          rng.pick<TimeOfDay>(['night', 'dusk', 'night', 'morning'])
      : lightning || live.some((h) => ((h.effect.subject === 'fire' || h.effect.subject === 'fireplace') && !excluded('fire')) || (h.effect.subject === 'volcano' && !excluded('volcano')) || (h.effect.particles === 'fireflies' && !excluded('fireflies')) || (h.effect.subject === 'lighthouse' && !excluded('lighthouse')))
        ? // Storms, fires, eruptions, fireflies and lighthouses are shot as the light goes: their glow is lost in daylight.
          rng.pick<TimeOfDay>(['dusk', 'night'])
      : setting === 'underwater' || FROM_ABOVE.includes(setting) || live.some((h) => h.effect.setting === 'underwater' || h.effect.subject === 'fish' || h.effect.subject === 'coral' || h.effect.subject === 'jellyfish')
        ? // Light falls through the surface from a high sun.
          rng.pick<TimeOfDay>(['noon', 'morning', 'noon'])
      : live.some((h) => h.effect.subject === 'ferris-wheel') && !excluded('ferris wheel')
        ? // A Ferris wheel is shot as its lights come on.
          rng.pick<TimeOfDay>(['dusk', 'night', 'dusk'])
      : live.some((h) => h.effect.subject === 'tornado') && !excluded('tornado')
        ? // A tornado is seen under the storm's grey daylight.
          rng.pick<TimeOfDay>(['noon', 'morning'])
      : live.some((h) => h.effect.subject === 'cabin') && !excluded('cabin')
        ? // A cabin is shot as the light goes, its windows lit.
          rng.pick<TimeOfDay>(['dusk', 'golden-hour', 'night'])
      : live.some((h) => h.effect.subject === 'sun-rays') && !excluded('sun-rays')
        ? // Sunbeams need a sun high enough to slant through the canopy.
          rng.pick<TimeOfDay>(['morning', 'golden-hour', 'morning'])
      : archetype === 'urban' && live.some((h) => h.effect.subject === 'clouds') && !excluded('clouds')
      ? // Clouds over a city (a time lapse of them) are watched by day: at night they are not seen.
        rng.pick<TimeOfDay>(['noon', 'golden-hour', 'morning'])
      : archetype === 'urban'
      ? rng.pick<TimeOfDay>(['night', 'night', 'dusk'])
      : archetype === 'nature'
        ? rng.pick<TimeOfDay>(['golden-hour', 'morning', 'dawn', 'noon', 'dusk'])
        : 'noon');

  const wordColor = first('color');
  // Ink is seen in clear water against white, unless a background is named.
  const inkField = archetype === 'abstract' && live.some((h) => h.effect.subject === 'ink') && !excluded('ink');
  const namedBackground = first('background');
  const background = namedBackground ?? (inkField ? INK_FIELD : undefined);
  // "autumn leaves on a black background": the palette that comes with the leaves is theirs (the particle
  // layer colours leaves and petals itself), not the field's, which is the background named. (Gold
  // confetti's palette is both: a dark warm field, and the confetti's golds.)
  const particlePalette = (h: Hit) => archetype === 'abstract' && !!background && (h.effect.particles === 'leaves' || h.effect.particles === 'petals');
  const palettes = [...(inkField && !namedBackground ? ['white'] : []), ...live.filter((h) => !particlePalette(h)).map((h) => h.effect.palette).filter((p): p is string => !!p)];
  // A field with nothing drawn on it but particles or fireworks ("red fireworks on a black background"):
  // its palette is the background's; a colour word goes to what is in front of it.
  const bareField = archetype === 'abstract' && !live.some((h) => h.effect.subject && SUBJECT_ARCHETYPE[h.effect.subject] === 'abstract');
  // Smoke, fireworks and embers alone on a field are seen against the dark: the field is the background named, or
  // near black, and a colour word tints them instead.
  const overField = bareField && (inkField || live.some((h) => h.effect.subject === 'smoke' || h.effect.subject === 'fireworks' || h.effect.particles === 'embers'));
  // Digital rain is seen against the dark whatever colour it is ("blue binary code" is blue code on black).
  const codeField = archetype === 'abstract' && live.some((h) => h.effect.subject === 'code-rain');
  // A product shot's set is the background named ("a red alarm clock on black"): the colour goes to the
  // product, the palette (the sweep, or the dark set on black) is built round the background.
  const paletteBase = overField ? (background ?? '#0e0f12') : background && (bareField || codeField || archetype === 'product' || !wordColor) ? background : wordColor;
  // A colour word without a palette word ("purple bokeh") builds the palette around that colour.
  // A colour named for a field whose palette word is only a style ("tech background, blue", "a corporate
  // background in red"): the field takes the colour (it had taken the style's colours, and the colour word
  // was reported as used while nothing showed it). The style word then colours nothing: reported as ignored.
  const styleGivesWay = (archetype === 'abstract' || archetype === 'text') && !!wordColor && paletteBase === wordColor && palettes.length > 0 && !COLOUR_PALETTES.includes(palettes[0]!);
  if (styleGivesWay) {
    for (const h of live.filter((x) => x.effect.palette && Object.keys(x.effect).length === 1)) reportIgnored(h);
  }
  // A product on a background named is set on that background, whatever palette came with its words ("a
  // gold watch on black background" stood on the luxury palette's white sweep): a word that is only a
  // palette then colours nothing, and is reported as ignored.
  const productSet = archetype === 'product' && !!namedBackground && palettes.length > 0;
  if (productSet) {
    for (const h of live.filter((x) => x.effect.palette && Object.keys(x.effect).length === 1)) reportIgnored(h);
  }
  // An end roll with no field or colour named rolls on true black, as credits are delivered (to cut to, or
  // to lay over a picture with a screen blend).
  const creditsOnBlack = creditsRoll && archetype === 'text' && (!namedBackground || hexToHsl(namedBackground)[2] < 0.1) && !wordColor && palettes.length === 0;
  const paletteName = styleGivesWay || productSet ? 'custom' : (palettes[0] ?? (creditsOnBlack ? 'black' : paletteBase ? 'custom' : rng.pick(DEFAULT_PALETTES[archetype] ?? ['cool'])));
  // A second colour named ("pink and purple", "blue and orange") takes the palette's second place, so both
  // show (it was reported as used and left out).
  // On a field of light (abstract, text) "gold" beside another colour is a colour too: "purple and gold"
  // put gold second (it was only a metal there, and the field showed purple alone).
  const goldColour = (h: Hit) => (h.effect.material === 'gold' && (archetype === 'abstract' || archetype === 'text') ? GOLD : undefined);
  const colourWords = [...new Set(live.map((h) => h.effect.color ?? goldColour(h)).filter((c): c is string => !!c))];
  const around = paletteName === 'custom' ? paletteAround(paletteBase!) : null;
  const paletteColors = around
    ? paletteBase === colourWords[0] && colourWords[1]
      ? [around[0]!, colourWords[1], ...around.slice(2)]
      : around
    : (PALETTES[paletteName] ?? PALETTES.cool!);
  const wordMaterial = first('material');

  const subjects: Subject[] = [];
  const addSubject = (kind: SubjectKind, count: number, material: Material, color: string) => {
    if (subjects.some((s) => s.kind === kind) || subjects.length >= 8) return;
    subjects.push({ kind, count: clampInt(count, 1, 400), material, color });
  };
  const wordSubjects = live.map((h) => h.effect.subject).filter((s): s is SubjectKind => !!s);
  let smokeIsSteam = false;
  const accent = paletteColors[0]!;
  switch (archetype) {
    case 'nature': {
      const trees = wordSubjects.find((s) => s === 'pine-trees' || s === 'broadleaf-trees');
      // Leaves fall from broadleaf trees, not from pines.
      const shedding = live.some((h) => h.effect.particles === 'leaves');
      // A bamboo grove is the forest's trees, unless other trees are named too.
      const bamboo = setting === 'forest' && wordSubjects.includes('bamboo') && !excluded('bamboo');
      if (bamboo) addSubject('bamboo', 1, 'matte', '#4f7f2a');
      if (setting === 'forest' && (!bamboo || trees)) addSubject(trees ?? (shedding ? 'broadleaf-trees' : rng.pick<SubjectKind>(['pine-trees', 'broadleaf-trees'])), countWord ?? 160, 'matte', '#3d5a3a');
      // A volcano stands alone on its plain: the range and its pines only when named.
      const volcano = setting === 'mountains' && wordSubjects.includes('volcano') && !excluded('volcano');
      if (volcano) {
        addSubject('volcano', 1, 'emissive', '#ff5a14');
        if (trees && !excluded('trees')) addSubject(trees, 90, 'matte', '#33503a');
      } else if (setting === 'mountains') {
        addSubject('mountains', 1, 'stone', '#6f6a66');
        if (!excluded('trees')) addSubject(trees ?? 'pine-trees', 90, 'matte', '#33503a');
      }
      if (setting === 'ocean' || setting === 'coast') addSubject('waves', 1, 'matte', '#1d4e6b');
      // Icebergs float on the open sea; elsewhere they are reported as ignored (below).
      const bergHit = live.find((h) => h.effect.subject === 'icebergs');
      if (setting === 'ocean' && bergHit && !excluded('icebergs')) addSubject('icebergs', clampInt(bergHit.number ?? countWord ?? 5, 1, 12), 'matte', '#f2f7fa');
      // Palms grow along a beach; elsewhere they are reported as ignored (below).
      if (setting === 'coast' && wordSubjects.includes('palm-trees') && !excluded('palms')) addSubject('palm-trees', clampInt(countWord ?? 8, 1, 24), 'matte', '#3f6b26');
      if (setting === 'coast' && wordSubjects.includes('lighthouse') && !excluded('lighthouse')) addSubject('lighthouse', 1, 'matte', '#a3221c');
      // Drops rippling still water: on a lake (a puddle, a pond and "water" with no place named are one).
      if (setting === 'lake' && wordSubjects.includes('ripples') && !excluded('ripples')) addSubject('ripples', 1, 'matte', '#1d4e6b');
      if (setting === 'lake' || setting === 'river') {
        // A frozen lake is ice, not water; elsewhere "frozen" is only winter (above).
        if (setting === 'lake' && wordSubjects.includes('ice') && !excluded('ice')) addSubject('ice', 1, 'matte', '#cfe3ec');
        else addSubject('waves', 1, 'matte', '#1d4e6b');
        if (!excluded('trees')) addSubject(trees ?? (shedding ? 'broadleaf-trees' : 'pine-trees'), 220, 'matte', '#33503a');
      }
      if (setting === 'meadow') {
        addSubject('grass', 1, 'matte', '#5f7f3a');
        if (!excluded('trees')) addSubject(trees ?? 'broadleaf-trees', trees && fewTrees ? countWord! : 14, 'matte', '#4b6b35');
      }
      if (setting === 'desert' && wordSubjects.includes('pyramids') && !excluded('pyramids')) addSubject('pyramids', 3, 'stone', '#c4a273');
      if (setting === 'ocean' && wordSubjects.includes('bridge') && !excluded('bridge')) addSubject('bridge', 1, 'metal', wordColor ?? '#8b9398');
      // A canyon is cut into the desert; elsewhere (a river's gorge) it is reported as ignored (below).
      if (setting === 'desert' && wordSubjects.includes('canyon') && !excluded('canyon')) addSubject('canyon', 1, 'stone', '#b5562b');
      // A desert's boulders, unless the shot is a sand sea and no rock word asks for them.
      const rockWord = live.some((h) => h.effect.subject === 'rocks' && h.effect.setting !== 'desert');
      if (setting === 'desert' && wordSubjects.includes('rocks') && (rockWord || (!excluded('boulders') && !wordSubjects.includes('solar-panels')))) addSubject('rocks', 24, 'stone', '#b07a4f');
      // Sunbeams are seen from a forest's floor; elsewhere they are reported as ignored (below).
      if (setting === 'forest' && wordSubjects.includes('sun-rays') && !excluded('sun-rays') && timeOfDay !== 'night' && timeOfDay !== 'dusk') addSubject('sun-rays', 24, 'emissive', '#fff0d0');
      // Under the sea: a school of fish unless none is wanted (a bare seabed is a dull shot), and a reef
      // when named. Elsewhere fish and coral are reported as ignored (below).
      if (setting === 'underwater') {
        if (!excluded('fish') && (wordSubjects.includes('fish') || !wordSubjects.includes('jellyfish'))) addSubject('fish', clampInt(live.find((h) => h.effect.subject === 'fish')?.number ?? countWord ?? 36, 1, 120), 'matte', wordColor ?? '#c9d6de');
        if (wordSubjects.includes('coral') && !excluded('coral')) addSubject('coral', 60, 'matte', '#e0765c');
        if (wordSubjects.includes('jellyfish') && !excluded('jellyfish')) addSubject('jellyfish', clampInt(live.find((h) => h.effect.subject === 'jellyfish')?.number ?? 14, 1, 60), 'emissive', wordColor ?? '#f0a6e0');
      }
      // A pond from above: koi unless none are wanted (fish named there are the koi), lily pads round them.
      if (setting === 'pond') {
        const koiHit = live.find((h) => h.effect.subject === 'koi' || h.effect.subject === 'fish');
        if (!excluded('koi') && !excluded('fish')) addSubject('koi', clampInt(koiHit?.number ?? countWord ?? 7, 1, 24), 'matte', '#f4f1ea');
        const padHit = live.find((h) => h.effect.subject === 'lily-pads');
        if (!excluded('lily pads')) addSubject('lily-pads', clampInt(padHit?.number ?? 12, 1, 40), 'matte', '#4f7a2c');
      }
      if (setting === 'meadow' && wordSubjects.includes('sunflowers') && !excluded('sunflowers')) addSubject('sunflowers', 1, 'matte', '#f2b90f');
      // Tulips in the growers' stripes of colours, or every stripe the one colour named.
      if (setting === 'meadow' && wordSubjects.includes('tulips') && !excluded('tulips')) addSubject('tulips', 1, 'matte', wordColor ?? TULIP_MIX);
      // A rainbow by day over open land or water (not under the sea; at night it is reported as ignored).
      if (wordSubjects.includes('rainbow') && !excluded('rainbow') && timeOfDay !== 'night' && setting !== 'underwater') addSubject('rainbow', 1, 'emissive', '#ffffff');
      // Windmills: one, or a row of four for the plural (Kinderdijk's are in a line), or the number named.
      if (setting === 'meadow' && wordSubjects.includes('windmill') && !excluded('windmill')) {
        const plural = live.some((h) => h.effect.subject === 'windmill' && /mills\b|^holland|^(the )?netherlands|^kinderdijk/.test(h.text));
        addSubject('windmill', clampInt(live.find((h) => h.effect.subject === 'windmill')?.number ?? countWord ?? (plural ? 4 : 1), 1, 8), 'wood', '#34433a');
      }
      // Wind turbines stand on open ground, solar panels in a field or the desert; elsewhere they are
      // reported as ignored (below).
      if (setting === 'meadow' && wordSubjects.includes('wind-turbines') && !excluded('turbines')) addSubject('wind-turbines', clampInt(live.find((h) => h.effect.subject === 'wind-turbines')?.number ?? countWord ?? 7, 1, 16), 'matte', '#e9ecee');
      if ((setting === 'meadow' || setting === 'desert') && wordSubjects.includes('solar-panels') && !excluded('solar')) addSubject('solar-panels', 1, 'matte', '#0d1b3a');
      // Flowers on a meadow's stalks: a colour named (or lavender, poppies), else the wildflower mix.
      // (Butterflies come with flowers: a meadow of them unless tulips or sunflowers are the flowers named.)
      const butterflyFlowers = wordSubjects.includes('butterflies') && !excluded('butterflies') && !wordSubjects.includes('tulips') && !wordSubjects.includes('sunflowers');
      if (setting === 'meadow' && (wordSubjects.includes('flowers') || butterflyFlowers) && !excluded('flowers')) addSubject('flowers', 1, 'matte', (wordSubjects.includes('flowers') ? wordColor : undefined) ?? '#f0d04a');
      // Stalks stand in a meadow; elsewhere they are reported as ignored (below). One kind per shot: wheat.
      if (setting === 'meadow' && wordSubjects.includes('wheat') && !excluded('wheat')) addSubject('wheat', 1, 'matte', '#d9b560');
      else if (setting === 'meadow' && wordSubjects.includes('tall-grass') && !excluded('grass')) addSubject('tall-grass', 1, 'matte', '#7f9a3c');
      // A cabin stands in a clearing of a forest or a meadow, in a mountain valley or on a lake's shore;
      // elsewhere it is reported as ignored (below).
      if ((setting === 'forest' || setting === 'meadow' || setting === 'mountains' || setting === 'lake') && wordSubjects.includes('cabin') && !excluded('cabin')) addSubject('cabin', 1, 'wood', '#5a3d28');
      // Boats on the water: one, or a few when the word is plural ("boats", "a harbour"), or as many as a
      // number says. Elsewhere they are reported as ignored (below).
      for (const kind of ['boats', 'sailboats'] as const) {
        const hit = live.find((h) => h.effect.subject === kind);
        if (!hit || !BOAT_WATERS.includes(setting) || excluded('boats')) continue;
        const count = hit.number ?? countWord ?? (/(s|harbou?r|marina)$/.test(hit.text) && !/^(sailing|dinghy)$/.test(hit.text) ? (hit.effect.setting ? 6 : 4) : 1);
        // The colour is the first boat's hull: a fishing boat's red, a sailing boat's white, or the one named.
        addSubject(kind, clampInt(count, 1, 8), 'matte', wordColor ?? (kind === 'boats' ? '#b23a2e' : '#f2f0ea'));
      }
      // Hills are a meadow's or a forest's ground; mountains, water and sand have their own.
      if ((setting === 'meadow' || setting === 'forest') && wordSubjects.includes('hills') && !excluded('hills')) addSubject('hills', 1, 'matte', '#5f7f3a');
      // One kind of tree per shot (the scene draws the first): "pine tree" also reads as "tree".
      const treeKinds: SubjectKind[] = ['pine-trees', 'broadleaf-trees', 'palm-trees'];
      // A shower is many meteors over the clip; "a shooting star" one.
      const meteorCount = () => {
        const hit = live.find((h) => h.effect.subject === 'meteors')!;
        return clampInt(countWord ?? (/shower|perseid|geminid/.test(hit.text) ? 10 : namedOne(prompt, hit.text) ? 1 : 5), 1, 40);
      };
      const hasTrees = () => subjects.some((x) => treeKinds.includes(x.kind));
      for (const s of wordSubjects) if (SUBJECT_ARCHETYPE[s] === 'nature' && !PLACED_BY_RULE.includes(s) && !(setting === 'desert' && s === 'rocks') && !(FROM_ABOVE.includes(setting) && s === 'waves') && !(treeKinds.includes(s) && (s === 'palm-trees' || hasTrees()))) addSubject(s, s === 'rocks' ? 18 : s === 'meteors' ? meteorCount() : 1, s === 'rocks' ? 'stone' : s === 'meteors' ? 'emissive' : 'matte', s === 'meteors' ? '#e6f2ff' : '#6f6a66');
      if (ruralRoad && ROAD_SETTINGS.includes(setting)) {
        addSubject('road', 1, 'matte', '#2a2b2e');
        // A named colour is the car's ("a red sports car"); one car unless a number is given.
        if (wordSubjects.includes('cars') && !excluded('cars')) addSubject('cars', clampInt(countWord ?? 1, 1, 6), 'metal', wordColor ?? rng.pick(CAR_PAINTS));
      }
      if (!excluded('clouds') && setting !== 'forest' && setting !== 'underwater' && !FROM_ABOVE.includes(setting)) addSubject('clouds', 1, 'matte', '#ffffff');
      break;
    }
    case 'urban': {
      if (!excluded('buildings')) addSubject('buildings', countWord ?? 140, 'matte', '#2b2f36');
      const night = timeOfDay === 'night' || timeOfDay === 'dusk';
      if (!excluded('lights') && (night || wordSubjects.includes('street-lights'))) addSubject('street-lights', 16, 'emissive', '#ffb45c');
      if (wordSubjects.includes('neon-signs') && !excluded('neon')) addSubject('neon-signs', countWord ?? 32, 'emissive', paletteColors[0]!);
      // Steam named in a street rises from its manholes.
      if ((setting === 'street' || setting === 'town') && wordSubjects.includes('steam') && !excluded('steam')) addSubject('steam', 3, 'matte', '#ffffff');
      if (!excluded('cars') && (setting === 'street' || setting === 'town' || wordSubjects.includes('cars') || wordSubjects.includes('light-trails')))
        addSubject(wordSubjects.includes('light-trails') || night ? 'light-trails' : 'cars', 24, 'emissive', '#ffffff');
      break;
    }
    case 'abstract': {
      if (setting === 'space') {
        // Space holds a nebula, a planet or both; the earth's own colours unless a colour is named ("a red planet").
        const kinds = wordSubjects.filter((s): s is SpaceKind => (SPACE_KINDS as readonly string[]).includes(s) && !excluded(s === 'black-hole' ? 'black hole' : s === 'solar-system' ? 'solar system' : s));
        if (kinds.length === 0) kinds.push('nebula');
        // The solar system has its own planets and sun; only a nebula or a galaxy far behind goes with it.
        if (kinds.includes('solar-system')) kinds.splice(0, kinds.length, ...kinds.filter((k) => k === 'solar-system' || k === 'nebula' || k === 'galaxy'));
        // (A black hole's gas glows orange-white, a galaxy's arms blue-white, unless a colour is named.)
        for (const k of kinds) addSubject(k, k === 'asteroids' ? clampInt(countWord ?? 70, 1, 300) : k === 'warp' ? 260 : 1, k === 'asteroids' ? 'stone' : k === 'black-hole' || k === 'galaxy' ? 'emissive' : 'matte', k === 'planet' ? (wordColor ?? EARTH_BLUE) : k === 'asteroids' ? '#8a8078' : k === 'black-hole' ? (wordColor ?? '#ff9a3c') : k === 'galaxy' ? (wordColor ?? '#a9c8ff') : k === 'eclipse' ? (wordColor ?? '#f1efff') : (wordColor ?? accent));
        // A network or connections named with the globe are arcs of light over it; in space without one,
        // nothing draws them.
        const links = live.filter((h) => h.effect.subject === 'network');
        if (links.length && !excluded('network')) {
          if (kinds.includes('planet')) addSubject('globe-links', 24, 'emissive', GLOBE_LINK_CYAN);
          else for (const h of links) reportIgnored(h);
        }
        break;
      }
      // (A kind negated under another of its words is left out: "infographic, no chart".)
      const kinds = wordSubjects.filter((s) => SUBJECT_ARCHETYPE[s] === 'abstract' && !live.some((h) => h.effect.subject === s && h.effect.excludes && excluded(h.effect.excludes)));
      // Cubes or spheres with no event to fall in ("rotating cubes loop") are the shapes floating.
      if (kinds.length === 0 && live.some((h) => h.effect.body === 'cubes' || h.effect.body === 'balls')) kinds.push('shapes');
      // Particles or fireworks are the subject by themselves: a field behind them, not shapes in front.
      if (kinds.length === 0 && !live.some((h) => h.effect.particles) && !fireworks && !overField) kinds.push(rng.pick(ABSTRACT_SUBJECTS));
      if (kinds.length === 0) kinds.push('gradient');
      // Blood flowing is the cells' flow, not ribbons of light: inside a vessel nothing else is seen.
      if (kinds.includes('blood-cells')) kinds.splice(0, kinds.length, 'blood-cells');
      // A key plate or a solid field is that and nothing else.
      if (kinds.includes('chroma-key')) kinds.splice(0, kinds.length, 'chroma-key');
      // A chart with no kind named ("data charts growing") is bars with a line graph drawn over them.
      if (kinds.includes('bar-chart') && !kinds.includes('line-chart') && live.some((h) => h.effect.subject === 'bar-chart' && !/bar|column|histogram/.test(h.text))) kinds.push('line-chart');
      // A visualizer's count is its tempo: the number named, 120 beats a minute if none, held to 60..200.
      for (const k of kinds) addSubject(k, TEMPO_KINDS.includes(k) ? clampInt(countWord ?? 120, 60, 200) : countWord ?? (k === 'shapes' ? 18 : k === 'rings' ? 14 : k === 'grid' ? 144 : k === 'ribbons' ? 5 : k === 'network' ? 110 : k === 'neurons' ? 11 : k === 'cells' ? 26 : k === 'molecules' ? 9 : k === 'blood-cells' ? 140 : k === 'party-balloons' || k === 'hearts' ? 30 : k === 'powder' ? 3 : k === 'stage-lights' ? 8 : k === 'light-streaks' ? 140 : k === 'warp' ? 260 : k === 'lasers' ? 14 : k === 'sparklers' ? (live.some((h) => h.effect.subject === 'sparklers' && /sparklers/.test(h.text)) ? 3 : 1) : k === 'raindrops' ? Math.round((first('particleDensity') ?? 0.5) * 10) : 1), wordMaterial ?? (k === 'shapes' || k === 'helix' || k === 'molecules' || k === 'atom' || k === 'blood-cells' || k === 'party-balloons' || k === 'hearts' ? 'plastic' : k === 'gears' ? 'metal' : 'emissive'), (k === 'gradient' && bareField ? paletteBase : wordColor) ?? (k === 'gears' ? STEEL : k === 'blood-cells' ? BLOOD_RED : k === 'code-rain' ? CODE_GREEN : k === 'heartbeat' ? MONITOR_GREEN : k === 'circuit' || k === 'hud' ? CIRCUIT_CYAN : k === 'neurons' ? NEURON_BLUE : k === 'cells' ? STAIN_GREEN : (k === 'helix' || k === 'network') && namedBackground ? HELIX_ON_A_FIELD : accent));
      break;
    }
    case 'product': {
      // An object named stands on the sweep; an empty podium is the shot only when nothing is named.
      const productWord = wordSubjects.find((s) => SUBJECT_ARCHETYPE[s] === 'product' && s !== 'podium') ?? wordSubjects.find((s) => s === 'podium');
      if (productWord !== 'podium') for (const h of live.filter((x) => x.effect.subject === 'podium')) reportIgnored(h);
      // "Smoke rising from a cup of coffee" is its steam.
      smokeIsSteam = productWord === 'mug' && wordSubjects.includes('smoke') && !excluded('smoke');
      const steam = (wordSubjects.includes('steam') && !excluded('steam')) || smokeIsSteam;
      // Steam with nothing named to rise from rises from a hot drink.
      // Nothing we draw named ("a trophy rotating on a pedestal", "headphones rotating"): the empty podium,
      // a stage to composite the real thing onto, not a soda can standing in for it.
      const kind = productWord ?? (steam ? 'mug' : 'podium');
      // One product is drawn: the others named ("a watch and a bottle") are said to be left out.
      // (A cake's candles are its own.)
      for (const h of live.filter((x) => x.effect.subject && x.effect.subject !== kind && x.effect.subject !== 'podium' && SUBJECT_ARCHETYPE[x.effect.subject] === 'product' && !(kind === 'cake' && x.effect.subject === 'candle'))) reportIgnored(h);
      const material = wordMaterial ?? defaultProductMaterial(kind, rng.next());
      // A drink's colour is its own (whisky amber, red wine), not the palette's; so is a candle's wax.
      // "on a black background" built the palette round black: the product itself is not black then.
      // (Pumpkins: one, or three for the plural or a number, a lantern each up to three.)
      const pumpkins = kind === 'pumpkin' ? clampInt(countWord ?? (live.some((h) => h.effect.subject === 'pumpkin' && /s$|lanterns/.test(h.text)) ? 3 : 1), 1, 3) : 1;
      // A metronome's count is its tempo: the number named ("at 120 bpm"), 96 beats a minute if none.
      // Pendulums: one, or a wave of fifteen ("pendulum wave", "pendulums"), or the number named.
      const wave = live.some((h) => h.effect.subject === 'pendulum' && /wave|pendulums/.test(h.text));
      const count = kind === 'metronome' ? clampInt(countWord ?? 96, 40, 208) : kind === 'pendulum' ? clampInt(countWord ?? (wave ? 15 : 1), 1, 24) : kind === 'cake' ? clampInt(countWord ?? 5, 1, 12) : pumpkins;
      addSubject(kind, count, material, wordColor ?? OWN_COLOURS[kind] ?? (background ? '#e6e1d8' : accent));
      if (steam && kind !== 'candle') addSubject('steam', 1, 'matte', '#ffffff');
      break;
    }
    case 'text':
      addSubject('gradient', 1, 'emissive', accent);
      break;
    case 'physics':
      break;
  }
  // Fireworks over whatever the shot is (not a studio: there is no sky there). The count is the shells in
  // the air at once; the colour is the one named, or '#ffffff' for every colour.
  if (fireworks && archetype !== 'product' && archetype !== 'physics') {
    const finale = live.some((h) => h.effect.finale);
    addSubject('fireworks', countWord ?? (finale ? 12 : 4), wordMaterial === 'gold' ? 'gold' : 'emissive', wordColor ?? '#ffffff');
  }
  if (lightning && archetype !== 'product' && archetype !== 'physics') addSubject('lightning', 1, 'emissive', '#dfe4ff');
  if (balloons && (archetype === 'nature' || archetype === 'urban')) addSubject('hot-air-balloons', clampInt(countWord ?? 9, 1, 24), 'matte', '#e0312b');
  // Things that stand or fly in any outdoor shot: a landscape or a city, not under the sea.
  const outdoors = (archetype === 'nature' || archetype === 'urban') && setting !== 'underwater';
  // Sky lanterns rise over any outdoor night (a lake, the sea, a city, fields): 90 unless a number is given.
  const lanternHit = live.find((h) => h.effect.subject === 'lanterns');
  if (lanternHit && !excluded('lanterns') && outdoors) addSubject('lanterns', clampInt(lanternHit.number ?? countWord ?? 90, 1, 300), 'emissive', '#ff8a2a');
  // Birds cross any outdoor sky (not under the sea): one, a flock of 9, or a murmuration's many.
  const birdHit = live.find((h) => h.effect.subject === 'birds');
  if (birdHit && !excluded('birds') && !excluded('animals') && outdoors) {
    const many = /murmuration|starlings/.test(birdHit.text) ? 40 : /^(a )?bird$|^seagull$|^gull$/.test(birdHit.text) ? 1 : 9;
    addSubject('birds', clampInt(birdHit.number ?? countWord ?? many, 1, 60), 'matte', '#121214');
  }
  // A ship steams across open water (the sea, or off a coast).
  if (live.some((h) => h.effect.subject === 'ship') && !excluded('ship') && archetype === 'nature' && (setting === 'ocean' || setting === 'coast')) addSubject('ship', 1, 'metal', '#1d2430');
  // Kites fly over open ground or a beach (not over open water, where no one stands to fly them).
  const kiteHit = live.find((h) => h.effect.subject === 'kites');
  if (kiteHit && !excluded('kites') && archetype === 'nature' && ['coast', 'meadow', 'desert', 'mountains', 'sky'].includes(setting)) {
    addSubject('kites', clampInt(kiteHit.number ?? countWord ?? (/^(a )?kite$/.test(kiteHit.text) ? 1 : 3), 1, 12), 'matte', '#e0312b');
  }
  // A flag flies against the sky over open ground, a shore or a city (not under the sea or indoors).
  const flagHit = live.find((h) => h.effect.subject === 'flag');
  if (flagHit && !excluded('flag') && (archetype === 'nature' || archetype === 'urban') && setting !== 'underwater' && !FROM_ABOVE.includes(setting)) {
    addSubject('flag', 1, 'matte', flagHit.effect.color ?? wordColor ?? '#c8202a');
  }
  // A train runs across open country on its track (not on water, nor through a town's streets).
  const trainHit = live.find(isTrain);
  // ("a subway station with a train arriving" is a train underground, not one crossing a meadow.)
  if (trainHit && !excluded('trains') && !trainBelow && archetype === 'nature' && TRAIN_SETTINGS.includes(setting)) {
    const kind = trainHit.effect.subject as TrainKind;
    addSubject(kind, clampInt(trainHit.number ?? countWord ?? (kind === 'freight-train' ? 9 : 6), 2, 20), 'metal', wordColor ?? (kind === 'train' ? '#c8202a' : kind === 'steam-train' ? '#5a1a16' : '#8a3324'));
  }
  // An airliner crosses any outdoor sky; a contrail is an airliner's at cruise, so it brings one.
  const planeHit = live.find((h) => h.effect.subject === 'airplane' || h.effect.subject === 'contrail');
  if (planeHit && !excluded('airplane') && outdoors) {
    addSubject('airplane', 1, 'metal', '#eef0f2');
    if (live.some((h) => h.effect.subject === 'contrail')) addSubject('contrail', 1, 'matte', '#ffffff');
  }
  // A Ferris wheel stands on open ground or in a city (not on water).
  if (live.some((h) => h.effect.subject === 'ferris-wheel') && !excluded('ferris wheel') && outdoors && !['ocean', 'lake', 'river'].includes(setting)) addSubject('ferris-wheel', 1, 'metal', '#c9ccd1');
  // A lens flare over a landscape or a city rides on the sun in the frame (the abstract overlay is its own).
  if (live.some((h) => h.effect.subject === 'lens-flare') && !excluded('flare') && outdoors && timeOfDay !== 'night') addSubject('lens-flare', 1, 'emissive', '#ffffff');
  // A rocket lifts off from open ground (a launch pad), in any outdoor shot but under the sea.
  if (live.some((h) => h.effect.subject === 'rocket') && !excluded('rocket') && outdoors) addSubject('rocket', 1, 'matte', '#eceef0');
  // A tornado crosses open land (not the sea, not under it).
  if (live.some((h) => h.effect.subject === 'tornado') && !excluded('tornado') && outdoors && setting !== 'ocean') addSubject('tornado', 1, 'matte', '#2a2b2e');
  // Butterflies flutter through any outdoor daylight shot in the open (not under the sea): one, or a few.
  const butterflyHit = live.find((h) => h.effect.subject === 'butterflies');
  if (butterflyHit && !excluded('butterflies') && !excluded('animals') && outdoors) {
    addSubject('butterflies', clampInt(butterflyHit.number ?? countWord ?? (/^(a |one )?(butterfly|moth)$|monarch butterfly$|blue butterfly$/.test(butterflyHit.text) ? 1 : 7), 1, 40), 'matte', /monarch/.test(butterflyHit.text) ? '#e8791a' : /blue/.test(butterflyHit.text) ? '#2f74e0' : (wordColor ?? BUTTERFLY_MIX));
  }
  const smoke = live.some((h) => h.effect.subject === 'smoke') && !excluded('smoke') && !smokeIsSteam;
  if (smoke && archetype === 'abstract') addSubject('smoke', 1, 'matte', wordColor ?? '#cfd3d8');
  if (archetype === 'abstract' && onlyFire) addSubject('fire', 1, 'emissive', '#ff8a3a');
  // Ink: a deep blue on white, a brighter one on a dark field, or the colour named.
  if (inkField) addSubject('ink', 1, 'matte', wordColor ?? (background === INK_FIELD || (!!namedBackground && hexToHsl(namedBackground)[2] > 0.5) ? '#1d2f7a' : '#4a7bd9'));
  // Words for things this shot has no place for (smoke in a landscape, fireworks in a studio) are
  // reported as ignored, not used. Road and car words are used by a street, or by a landscape with a road.
  // Only a city or a street draws street lights or light trails.
  const roadless = (archetype === 'nature' || archetype === 'abstract' || archetype === 'product') && !subjects.some((s) => s.kind === 'road');
  // (City lights behind rain on a window, or with bokeh asked for, are the bokeh; a Christmas tree's are
  // on its garland; the earth from space has its cities lit on the night side; a circuit board's glow.)
  const lightsAsBokeh = subjects.some((s) => s.kind === 'raindrops' || s.kind === 'christmas-tree' || s.kind === 'planet' || s.kind === 'circuit') || live.some((h) => h.effect.particles === 'bokeh' && !excluded('bokeh'));
  const streetOnly = archetype === 'nature' ? (['street-lights', 'light-trails'] as const) : archetype !== 'urban' ? (lightsAsBokeh ? (['light-trails'] as const) : (['street-lights', 'light-trails'] as const)) : [];
  for (const kind of [...(smokeIsSteam ? [] : (['smoke'] as const)), 'ink', 'fireworks', 'lightning', 'steam', 'hot-air-balloons', 'rocket', 'tornado', 'ferris-wheel', 'birds', 'airplane', 'contrail', 'kites', 'flag', 'ship', ...TRAIN_KINDS, 'butterflies', 'palm-trees', ...PLACED_BY_RULE, ...(roadless ? (['road', 'cars'] as const) : []), ...streetOnly] as const) {
    if (subjects.some((s) => s.kind === kind)) continue;
    // Under the sea, shafts of light always fall through the water.
    if (kind === 'sun-rays' && setting === 'underwater') continue;
    // Fish named in a koi pond are its koi.
    if (kind === 'fish' && subjects.some((s) => s.kind === 'koi')) continue;
    for (const h of live.filter((x) => x.effect.subject === kind)) reportIgnored(h);
  }

  // A tempo ("120 bpm") with nothing to keep it sets nothing: the unit and its number are ignored.
  if (!subjects.some((s) => TEMPO_KINDS.includes(s.kind))) {
    for (const h of live.filter((x) => x.effect.excludes === 'tempo')) {
      reportIgnored(h);
      const at = h.number === undefined ? -1 : used.indexOf(String(h.number));
      if (at >= 0) ignored.push(...used.splice(at, 1));
    }
  }

  // ---------------------------------------------------------------- physics
  const events: ScenePlan['physics']['events'] = [];
  if (archetype === 'physics') {
    const kinds = [...new Set(live.map((h) => h.effect.physics).filter((k): k is PhysicsEventKind => !!k))];
    // The structure named is the subject; a ball named beside it is what knocks it down ("a bowling ball
    // knocking down pins", "a wrecking ball smashing a wall of bricks").
    const wordBody = live.find((h) => h.effect.body && STRUCTURE_BODIES.includes(h.effect.body))?.effect.body ?? first('body');
    // No event word: one that suits the bodies asked for ("marbles rolling" was once a row of dominoes).
    if (kinds.length === 0) kinds.push(rng.pick<PhysicsEventKind>(EVENTS_FOR_BODY[wordBody ?? 'any']));
    // "a tower collapsing": the collision knocks the stack down; two separate events would not.
    const towerFalls = kinds.includes('collide') && kinds.includes('stack');
    if (towerFalls) kinds.splice(kinds.indexOf('stack'), 1);
    // A structure is knocked down, whatever else is said of it ("bricks falling" is the wall coming down),
    // unless it is being built ("wooden blocks stacking into a tower").
    const building = kinds.includes('stack') && !towerFalls && wordBody !== 'pins';
    if (wordBody && STRUCTURE_BODIES.includes(wordBody) && !kinds.includes('splash')) kinds.splice(0, kinds.length, building ? 'stack' : 'collide');
    // Round bodies do not stack: "balls pouring into a pile" is balls falling into a heap (it drew a tower
    // of cubes, the stack event's own bodies).
    if ((wordBody === 'balls' || wordBody === 'marbles' || wordBody === 'beans' || wordBody === 'pearls') && kinds.includes('stack')) kinds.splice(kinds.indexOf('stack'), 1, ...(kinds.includes('fall') ? [] : (['fall'] as const)));
    // Heap bodies are not racked in a pyramid to be knocked down: "coffee beans crashing down" is beans falling.
    if (wordBody && HEAP_BODIES.includes(wordBody) && kinds.includes('collide')) kinds.splice(kinds.indexOf('collide'), 1, ...(kinds.includes('fall') ? [] : (['fall'] as const)));
    // "dominoes falling", "balls falling and bouncing": the named event already includes the fall.
    if (kinds.length > 1 && kinds.includes('fall')) kinds.splice(kinds.indexOf('fall'), 1);
    for (const kind of kinds.slice(0, 2)) {
      // A tower falling is a tower of blocks, "toy blocks" too (a pyramid of cubes is what "cubes colliding" draws).
      const body: BodyKind = kind === 'dominoes' ? 'dominoes' : towerFalls && kind === 'collide' && (!wordBody || wordBody === 'cubes') ? 'blocks' : wordBody && wordBody !== 'dominoes' ? wordBody : defaultBody(kind, rng.next());
      // Beans pour by the handful: a heap needs many.
      // A tower of blocks being built: twelve layers of three go up in the clip.
      // A pair of dice unless one die or a number is named.
      const structureCount = kind === 'collide' ? STRUCTURE_COUNT[body] : kind === 'stack' && body === 'blocks' ? 36 : body === 'dice' ? (live.some((h) => h.effect.body === 'dice' && /\bdie$/.test(h.text)) ? 1 : 2) : undefined;
      // "a red ball bouncing", "a basketball falling": one body, not the event's dozen.
      const single = body !== 'dice' && (kind === 'fall' || kind === 'bounce' || kind === 'splash') && body === wordBody && namedOne(prompt, live.find((h) => h.effect.body === wordBody)?.text);
      const count = clampInt(countWord ?? structureCount ?? (single ? 1 : undefined) ?? (body === 'beans' && kind === 'fall' ? 90 : (body === 'coins' || body === 'pearls') && kind === 'fall' ? 60 : defaultCount(kind)), 1, kind === 'dominoes' ? 120 : 200);
      const material = wordMaterial ?? (body === 'crates' || body === 'blocks' || body === 'pins' ? 'wood' : body === 'bricks' ? 'stone' : body === 'glass' ? 'glass' : body === 'billiards' ? 'ceramic' : body === 'marbles' ? 'glass' : body === 'beans' ? 'matte' : body === 'coins' ? (wordColor ? 'metal' : 'gold') : body === 'pearls' ? 'ceramic' : 'plastic');
      events.push({ kind, body, count, material });
    }
    const bodyColor = wordColor ?? STRUCTURE_COLOUR[events[0]!.body] ?? accent;
    addSubject(events[0]!.body, events[0]!.count, events[0]!.material, bodyColor);
  } else if (archetype !== 'abstract') {
    // Bodies belong to physics shots (and, as floating shapes, to abstract ones): "a cup of coffee with
    // coffee beans" draws the mug. Event words stay used: "falling", "bouncing" also describe particles.
    for (const h of live.filter((x) => x.effect.body)) reportIgnored(h);
    // A product shot with nothing falling in it: "perfume bottle with water splash", "a watch splashing
    // into water" draw the product turning; the event is not drawn, and is said so.
    const somethingFalls = live.some((h) => h.effect.particles || h.effect.condition === 'snow' || h.effect.condition === 'rain');
    if (archetype === 'product' && !somethingFalls) {
      // ("Pouring" also thickens rain, of which there is none here either.)
      for (const h of live.filter((x) => x.effect.physics && Object.keys(x.effect).every((k) => k === 'physics' || k === 'archetype' || k === 'particleDensity'))) reportIgnored(h);
    }
  }

  // ---------------------------------------------------------------- weather and particles
  // Night-sky subjects need the sky clear unless the prompt said otherwise (an overcast night has no stars).
  const skyShow = subjects.some((s) => s.kind === 'aurora' || s.kind === 'milky-way' || s.kind === 'star-trails' || s.kind === 'fireworks' || s.kind === 'meteors');
  const condition = first('condition') ?? (!skyShow && (archetype === 'nature' || archetype === 'urban') ? rng.pick(['clear', 'clear', 'cloudy'] as const) : 'clear');
  const windWord = live.find((h) => h.effect.wind !== undefined)?.effect.wind;
  const wind = excluded('wind') ? 0 : windWord ?? (condition === 'storm' ? 0.8 : 0.2);
  // Sunbeams need haze to be seen in: a light mist at least.
  const hazeFloor = subjects.some((s) => s.kind === 'sun-rays') ? 0.3 : 0;
  const fog = excluded('fog')
    ? 0
    : hazeFloor > 0 && condition !== 'fog'
      ? hazeFloor
      : condition === 'fog'
      ? 0.65
      : condition === 'rain' || condition === 'storm'
        ? 0.35
        : condition === 'snow'
          ? 0.3
          : archetype === 'nature'
            ? 0.12
            : 0.05;
  // Clouds named ("a time lapse of clouds over a city") are more than a clear sky's few.
  const namedClouds = live.some((h) => h.effect.subject === 'clouds');
  const cloudCover = excluded('clouds') ? 0 : condition === 'cloudy' || condition === 'rain' || condition === 'storm' ? 0.85 : condition === 'snow' ? 0.7 : condition === 'fog' ? 0.5 : namedClouds ? 0.55 : 0.3;

  const particleKinds = new Set<ParticleKind>();
  for (const h of live) if (h.effect.particles) particleKinds.add(h.effect.particles);
  // A Christmas tree stands before the festive bokeh of other lights, unless other particles are named.
  if (subjects.some((s) => s.kind === 'christmas-tree') && particleKinds.size === 0) particleKinds.add('bokeh');
  // Rain on a window is drawn on the pane: falling streaks would hang in front of it.
  if ((condition === 'rain' || condition === 'storm') && !subjects.some((s) => s.kind === 'raindrops')) particleKinds.add('rain');
  if (condition === 'snow') particleKinds.add('snow');
  if (subjects.some((s) => s.kind === 'fire')) particleKinds.add('embers');
  for (const k of [...particleKinds]) if (excluded(k) || excluded('particles') || (k === 'leaves' && excluded('leaves'))) particleKinds.delete(k);
  // Under the sea the scene draws its own air bubbles rising from the seabed (soap bubbles drifting
  // there would be wrong), and nothing else falls: no rain, snow, leaves or petals.
  // What does drift there is marine snow: faint motes in the light.
  // Bubbles named there are the scene's own, drawn larger and nearer the lens.
  if (setting === 'underwater') {
    for (const k of [...particleKinds]) if (k !== 'dust' && k !== 'bubbles') particleKinds.delete(k);
    if (!excluded('particles')) particleKinds.add('dust');
  }
  const densityWord = first('particleDensity');
  if (particleKinds.size === 0 && !subjects.some((s) => s.kind === 'raindrops')) {
    // "heavy" or "light" with no weather or particles to thicken: reported as ignored, not used.
    for (const h of live.filter((x) => x.effect.particleDensity !== undefined && Object.keys(x.effect).length === 1)) {
      const at = used.indexOf(h.text);
      if (at >= 0) used.splice(at, 1);
      ignored.push(h.text);
    }
  }
  const particles = [...particleKinds].slice(0, 4).map((kind) => ({
    kind,
    density: densityWord ?? (kind === 'rain' && condition === 'storm' ? 1 : kind === 'bokeh' ? 0.6 : 0.5),
  }));

  // ---------------------------------------------------------------- camera
  const speedWords = live.map((h) => h.effect.speed).filter((s): s is number => s !== undefined);
  const speed = clamp(speedWords.reduce((a, b) => a * b, 1), 0.1, 3);
  // A record spins on its own: "spinning" or "turntable" there is the record's, not an orbiting camera.
  const spinsItself = subjects.some((s) => s.kind === 'record');
  const cameraWord = live.find((h) => h.effect.camera !== undefined && !(spinsItself && h.effect.camera === 'orbit' && /^(turntable|rotating|spinning|revolving|turning)$/.test(h.text)))?.effect.camera;
  let move: CameraMove =
    cameraWord ??
    rng.pick<CameraMove>(
      {
        // Aurora footage is shot from a tripod: a drone or a crane would lose the sky.
        // So is a fireworks show: the sky it fills has to stay in the frame.
        // A car on a road is followed by a drone (the chase shot); any other move watches it drive away.
        // Star trails are a long exposure's time lapse: the camera cannot move at all.
        nature: subjects.some((s) => s.kind === 'star-trails')
          ? ['static']
          : subjects.some((s) => s.kind === 'rocket')
          ? // A launch is watched from a tripod, or followed up as it climbs.
            ['static', 'tilt-up', 'static']
          : subjects.some((s) => s.kind === 'aurora' || s.kind === 'fireworks' || s.kind === 'lightning' || s.kind === 'milky-way' || s.kind === 'meteors')
          ? ['static', 'pan-right', 'pan-left']
          : subjects.some((s) => s.kind === 'cars')
            ? ['drone']
            : ['drone', 'dolly-in', 'pan-right', 'crane-up', 'pan-left'],
        // Down a street an orbit swings the camera through the buildings on either side.
        urban: fireworks || lightning
          ? ['static', 'pan-right', 'pan-left', 'dolly-in']
          : setting === 'street' || setting === 'town'
            ? ['drone', 'dolly-in', 'pan-right']
            : ['drone', 'dolly-in', 'pan-right', 'orbit'],
        // Through a window pane the camera can only creep towards it or hold (a monitor's screen too: seen
        // from the side in an orbit it is no longer a monitor). Light overlays (leaks, flares, film damage)
        // are laid over other footage: the overlay moves, the frame holds.
        abstract: subjects.some((s) => OVERLAY_KINDS.includes(s.kind))
          ? ['static']
          : subjects.some((s) => s.kind === 'blood-cells')
            ? ['dolly-in', 'static', 'dolly-in']
          : subjects.some((s) => s.kind === 'cells' || s.kind === 'raindrops' || s.kind === 'heartbeat' || s.kind === 'hud' || s.kind === 'powder' || s.kind === 'equalizer' || s.kind === 'waveform')
            ? ['static', 'dolly-in', 'static']
            : ['dolly-in', 'orbit', 'static'],
        // A fireplace is in a wall: the camera creeps towards it or holds (an orbit would go through the wall).
        product: subjects.some((s) => s.kind === 'fireplace') ? ['dolly-in', 'static', 'dolly-in'] : ['orbit', 'orbit', 'dolly-in'],
        text: ['dolly-in', 'static'],
        physics: ['orbit', 'static', 'dolly-in'],
      }[archetype] as CameraMove[],
    );
  if (excluded('camera-motion')) move = 'static';
  // A fireplace is in a wall, and sunbeams are seen from a forest floor among trunks: an orbit, a drone, a
  // crane or a slide would pass through the wall or the trees, so they push in instead (the move word is
  // ignored).
  if (subjects.some((s) => s.kind === 'fireplace' || s.kind === 'sun-rays' || s.kind === 'blood-cells') && (move === 'orbit' || move === 'drone' || move === 'crane-up' || move === 'crane-down' || move === 'truck-left' || move === 'truck-right')) {
    for (const h of live.filter((x) => x.effect.camera === move)) reportIgnored(h);
    move = 'dolly-in';
  }
  // Down a street the camera stands in the road between facades: a tracking shot there runs along the
  // street (a slide sideways went into the buildings).
  if ((setting === 'street' || setting === 'town') && archetype === 'urban' && (move === 'truck-left' || move === 'truck-right')) move = 'dolly-in';
  const shot = first('shot') ?? (archetype === 'product' || archetype === 'physics' ? 'medium' : 'wide');
  // A rainbow's arc is 84 degrees across at the horizon: a wide lens holds it whole.
  const rainbowShot = subjects.some((s) => s.kind === 'rainbow');
  const focalLengthMm = first('focalLengthMm') ?? (shot === 'close' ? 85 : shot === 'medium' ? 50 : rainbowShot ? 16 : archetype === 'nature' || archetype === 'urban' ? 28 : 35);
  const dofWord = live.find((h) => h.effect.shallowDepthOfField !== undefined)?.effect.shallowDepthOfField;
  const shallowDepthOfField = dofWord ?? (archetype === 'product' && shot === 'close');
  // Off unless asked for: it multiplies the render time by its sample count.
  const motionBlur = live.some((h) => h.effect.motionBlur) ? { ...MOTION_BLUR } : undefined;
  // The sun in the frame only where there is a sky with a sun in it to show.
  // The sun turned into the frame; at night only the moon is (a "sunset at night" has nothing to show).
  const faceSun = live.some((h) => h.effect.faceSun && (timeOfDay !== 'night' || h.effect.moon)) && (archetype === 'nature' || archetype === 'urban');

  const keyField = subjects.some((s) => s.kind === 'chroma-key');
  if (keyField) move = 'static';

  // ---------------------------------------------------------------- text
  let text: ScenePlan['text'] = null;
  if (countdown) {
    // "countdown from 10", "countdown 5 to 1", "10 second countdown": the number it counts down from
    // (those digits were put down as ignored by the reader, which ties numbers to the phrase after them).
    const from = countdownStart(prompt);
    text = { mode: 'countdown', title: String(from ?? COUNTDOWN_DEFAULT) };
    if (from !== null) {
      const end = /\bto\s+(0|1)\b/.exec(prompt)?.[1];
      // "countdown 5 4 3 2 1": the numbers after the first, counting down, are the countdown too.
      const run = new RegExp(`\\b${from}((?:[\\s,]+\\d+)+)`).exec(prompt)?.[1]?.match(/\d+/g) ?? [];
      const counted = run.every((n, i) => Number(n) === from - 1 - i) ? run : [];
      for (const raw of [...(end ? [String(from), end] : [String(from)]), ...counted]) {
        const at = ignored.indexOf(raw);
        if (at < 0) continue;
        ignored.splice(at, 1);
        used.push(raw);
      }
    }
  } else if (progress) {
    // A loading indicator: a ring unless a bar is named; its label the first quote, "Loading" if none.
    const indicator = live.find((h) => h.effect.indicator === 'bar') ? 'bar' : 'ring';
    text = { mode: 'progress', title: quotes[0]?.slice(0, 80) ?? 'Loading', indicator };
  } else if (code && archetype === 'text') {
    // Code on a screen, in the language named (TypeScript unless Python is).
    text = { mode: 'code', title: first('codeLanguage') ?? 'typescript' };
  } else if (ticker) {
    // A stock ticker: a board when it is the shot, a band low over anything else.
    text = { mode: 'ticker', title: 'markets' };
  } else if (creditsRoll) {
    // Every quote rolls, in order; "Editor: Tom Lee; Sound: Ana Ruiz" in one quote is two lines.
    const lines = quotes.flatMap((q) => q.split(/\s*;\s*/)).filter(Boolean).slice(0, 201);
    text = { mode: 'credits', title: lines[0]!, ...(lines.length > 1 ? { lines: lines.slice(1) } : {}) };
  } else if (quotes.length && !excluded('text')) {
    const mode = live.some((h) => h.effect.textMode === 'lower-third') ? 'lower-third' : 'title';
    text = { mode, title: quotes[0]!.slice(0, 80) };
    if (quotes[1]) text.subtitle = quotes[1].slice(0, 80);
    if (mode === 'title' && first('textReveal')) text.reveal = first('textReveal');
  }
  // Title, credits or lower-third words with nothing quoted set no text: said so ("an end credits roll"
  // showed the field it would roll over and reported every word used).
  if (!text) for (const h of live.filter((x) => x.effect.textMode)) reportIgnored(h);
  // Typing is how a title comes on: a countdown, a roll or a lower third is not typed.
  if (text?.reveal === undefined) for (const h of live.filter((x) => x.effect.textReveal)) reportIgnored(h);
  // Scripts no installed font draws (scene/text.mts reads Fontsource's Latin, Latin Extended, Cyrillic,
  // Greek and Vietnamese subsets): their characters come out as missing-glyph boxes, and are said to be
  // not drawn ('title "東京 Tokyo"' reports 東京 ignored).
  const undrawable = /[\u0530-\u08FF\u0900-\u109F\u10A0-\u1C7F\u2E80-\u9FFF\uA000-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]+/g;
  const shown = text ? [text.title, text.subtitle ?? '', ...(text.lines ?? [])].join('\n') : '';
  for (const run of shown.match(undrawable) ?? []) ignored.push(run);
  // A title sets two quotes (title and subtitle); a third has nowhere to go and is said so.
  const setQuotes = text?.mode === 'credits' ? split.quotes.length : text?.mode === 'countdown' || text?.mode === 'code' || text?.mode === 'ticker' ? 0 : text?.mode === 'progress' ? 1 : 2;
  split.quotes.forEach((q, i) => (i < setQuotes && !excluded('text') ? used : ignored).push(`"${q}"`));

  // ---------------------------------------------------------------- timing words
  const durationHintSeconds = split.duration?.seconds ?? null;
  if (split.duration) {
    const honoured = input.durationSeconds === undefined || Math.abs(input.durationSeconds - split.duration.seconds) < 0.05;
    (honoured ? used : ignored).push(split.duration.text);
  }

  const timeScale = first('timeScale') ?? 1;
  const monochrome = paletteName === 'monochrome';
  const plan: ScenePlan = {
    version: 1,
    archetype,
    setting,
    subjects,
    timeOfDay,
    weather: { condition, fog, cloudCover, wind: clamp(wind, 0, 1) },
    particles,
    palette: { name: paletteName, colors: [...paletteColors] },
    camera: { move, speed, shot, focalLengthMm, shallowDepthOfField, shake: move === 'handheld' ? 0.6 : 0, ...(faceSun ? { faceSun } : {}), ...(motionBlur ? { motionBlur } : {}) },
    physics: { events, gravity: 9.81 },
    text,
    motion: { speed: timeScale },
    grade: {
      exposure: 0,
      toneMapping: keyField ? 'neutral' : archetype === 'nature' ? 'agx' : 'aces',
      saturation: monochrome ? 0 : 1,
      // A key plate or a solid field is even: no vignette, no grain.
      vignette: keyField ? 0 : archetype === 'text' || archetype === 'abstract' ? 0.3 : 0.2,
      grain: keyField ? 0 : first('grain') ?? (paletteName === 'black' ? 0 : archetype === 'nature' || archetype === 'urban' ? 0.05 : 0.03),
      transfer: 'bt1886',
    },
    exclude,
    source: { prompt, usedWords: used, ignoredWords: ignored },
  };
  return { plan, usedWords: used, ignoredWords: ignored, durationHintSeconds, summary: summarize(plan) };
}

export function summarize(plan: ScenePlan): string {
  const parts: string[] = [plan.archetype, plan.setting];
  if (plan.subjects.length) parts.push(plan.subjects.map((s) => s.kind).join('+'));
  parts.push(plan.timeOfDay, plan.weather.condition);
  if (plan.particles.length) parts.push(plan.particles.map((p) => p.kind).join('+'));
  if (plan.physics.events.length) parts.push(plan.physics.events.map((e) => `${e.kind} ${e.count} ${e.body}`).join(', '));
  parts.push(`${plan.camera.move} ${Math.round(plan.camera.focalLengthMm)}mm${plan.camera.shallowDepthOfField ? ' shallow DOF' : ''}`);
  if (plan.camera.motionBlur) parts.push(`motion blur ${plan.camera.motionBlur.shutterAngle}° x${plan.camera.motionBlur.samples}`);
  if (plan.text) parts.push(`${plan.text.reveal === 'typewriter' ? 'typed ' : ''}${plan.text.mode} "${plan.text.title}"${plan.text.lines?.length ? ` + ${plan.text.lines.length} lines` : ''}`);
  if (plan.motion.speed !== 1) parts.push(`time x${plan.motion.speed}`);
  return parts.join(' · ');
}

/** An analogous palette around one colour: the colour, two neighbours on the hue wheel, a light and a dark. */
export function paletteAround(hex: string): string[] {
  const [h, s, l] = hexToHsl(hex);
  return [
    hex.toLowerCase(),
    hslToHex(h + 35, Math.min(1, s * 0.9 + 0.1), Math.min(0.75, l + 0.1)),
    hslToHex(h - 30, s * 0.8, Math.min(0.7, l + 0.05)),
    hslToHex(h, s * 0.6, 0.12),
    hslToHex(h + 10, s * 0.25, 0.9),
  ];
}

function hexToHsl(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h * 60, s, l];
}

function hslToHex(h: number, s: number, l: number): string {
  const hh = (((h % 360) + 360) % 360) / 360;
  const f = (t: number) => {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    let x = t;
    if (x < 0) x += 1;
    if (x > 1) x -= 1;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  const to = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0');
  return `#${to(f(hh + 1 / 3))}${to(f(hh))}${to(f(hh - 1 / 3))}`;
}

/** The liquid in a glass, unless a colour word says otherwise. */
/** Products whose colour is their own unless a colour is named: drinks, and candle wax. */
const OWN_COLOURS: Partial<Record<SubjectKind, string>> = { tumbler: '#b0601c', 'wine-glass': '#6b0f22', candle: '#efe4d2', pumpkin: '#d9661a', hourglass: '#a06c34', cradle: '#17181c', metronome: '#6a4327', pendulum: '#6a4327', cake: '#f6e7ea', chess: '#3b2416' };

function defaultProductMaterial(kind: SubjectKind, r: number): Material {
  switch (kind) {
    case 'tumbler':
    case 'wine-glass':
      return 'glass';
    case 'candle':
    case 'pumpkin':
    case 'cake':
    case 'podium':
      return 'matte';
    case 'hourglass':
    case 'record':
    case 'metronome':
    case 'chess':
      return 'wood';
    case 'cradle':
      return 'metal';
    case 'pendulum':
      return 'gold';
    case 'rubiks-cube':
      return 'plastic';
    case 'clock':
      return r < 0.5 ? 'metal' : 'plastic';
    case 'bottle':
    case 'vase':
      return r < 0.5 ? 'glass' : 'ceramic';
    case 'can':
      return 'metal';
    case 'watch':
      return r < 0.5 ? 'gold' : 'chrome';
    case 'mug':
      return 'ceramic';
    case 'orb':
      return r < 0.5 ? 'chrome' : 'glass';
    case 'box':
      return 'matte';
    default:
      return 'plastic';
  }
}

/** Events that show a body kind, for prompts that name bodies but no event. */
const EVENTS_FOR_BODY: Record<BodyKind | 'any', PhysicsEventKind[]> = {
  any: ['fall', 'bounce', 'stack', 'dominoes', 'collide'],
  balls: ['fall', 'bounce', 'collide'],
  marbles: ['fall', 'bounce', 'collide'],
  cubes: ['fall', 'stack', 'collide'],
  crates: ['fall', 'stack', 'collide'],
  dominoes: ['dominoes'],
  beans: ['fall'],
  coins: ['fall', 'stack'],
  pearls: ['fall', 'bounce'],
  bricks: ['collide'],
  blocks: ['collide'],
  pins: ['collide'],
  billiards: ['collide'],
  dice: ['fall'],
  glass: ['collide'],
};

/** How many pieces a structure has unless a number is said: a wall of 12 courses, a tower of 18 layers, ten pins. */
const STRUCTURE_COUNT: Partial<Record<BodyKind, number>> = { bricks: 96, blocks: 54, pins: 10, billiards: 15, glass: 1 };
/** Their own colours (brick red, pale pine, a pin's white) unless one is named; the palette's accent is for toys. */
const STRUCTURE_COLOUR: Partial<Record<BodyKind, string>> = { bricks: '#9c4a32', blocks: '#d8b888', pins: '#f3f0ea', billiards: '#17582f', dice: '#f4f2ec', glass: '#d6ebe6' };

function defaultBody(kind: PhysicsEventKind, r: number): BodyKind {
  switch (kind) {
    case 'bounce':
      return 'balls';
    case 'stack':
      return r < 0.5 ? 'crates' : 'cubes';
    case 'splash':
      return r < 0.5 ? 'balls' : 'cubes';
    case 'collide':
      return r < 0.5 ? 'balls' : 'cubes';
    default:
      return r < 0.4 ? 'cubes' : r < 0.8 ? 'balls' : 'marbles';
  }
}

/**
 * Whether the prompt names one of a thing: its word singular and after "a", "an", "one", "single" or
 * "lone", with up to three words between ("a big red rubber ball").
 */
export function namedOne(prompt: string, text: string | undefined): boolean {
  if (!text) return false;
  const last = text.split(' ').pop()!;
  if (singular(last) !== null && !/ss$/.test(last)) return false;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(a|an|one|single|lone)\\s+(?:[a-z'-]+\\s+){0,3}${escaped}\\b`, 'i').test(prompt);
}

function defaultCount(kind: PhysicsEventKind): number {
  return { fall: 36, bounce: 14, collide: 24, stack: 14, dominoes: 40, splash: 10 }[kind];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
function clampInt(v: number, lo: number, hi: number): number {
  return Math.round(clamp(v, lo, hi));
}
