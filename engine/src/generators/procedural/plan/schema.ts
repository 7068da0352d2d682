/**
 * The scene plan: what the procedural generator understood from a prompt, as plain JSON that a user can
 * read (`rushes plan "prompt" --json`), edit, and render (`rushes generate --plan FILE`). Typed once with
 * TypeBox, so the TypeScript type and the JSON Schema cannot drift apart. Every enum here is a closed
 * list: the renderer handles each value, and `validatePlan` refuses anything else with E_INVALID.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;
const Unit = Type.Number({ minimum: 0, maximum: 1 });
const Hex = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'sRGB colour, #rrggbb.' });

export const ARCHETYPES = ['nature', 'urban', 'abstract', 'product', 'text', 'physics'] as const;
export const SETTINGS = ['forest', 'mountains', 'ocean', 'coast', 'lake', 'river', 'sky', 'meadow', 'desert', 'city', 'street', 'town', 'studio', 'void', 'space', 'underwater', 'pond', 'pool'] as const;
export const TIMES_OF_DAY = ['dawn', 'morning', 'noon', 'golden-hour', 'dusk', 'night'] as const;
export const CONDITIONS = ['clear', 'cloudy', 'fog', 'rain', 'snow', 'storm'] as const;
export const PARTICLE_KINDS = ['rain', 'snow', 'leaves', 'petals', 'confetti', 'embers', 'dust', 'bokeh', 'sparks', 'bubbles', 'fireflies', 'money'] as const;
/** A tulips subject's colour meaning the growers' mix of stripes (any other colour: every stripe that one). */
export const TULIP_MIX = '#e0314b';
/** A butterflies subject's colour meaning a mix of kinds (monarch orange, morpho blue, yellow, white). */
export const BUTTERFLY_MIX = '#c98f3a';

export const SUBJECT_KINDS = [
  // nature
  'pine-trees', 'broadleaf-trees', 'mountains', 'waves', 'clouds', 'rocks', 'grass', 'fire', 'aurora', 'milky-way', 'waterfall',
  // a time lapse of the night sky turning about the pole, each star drawing an arc that lengthens over the clip
  'star-trails',
  // shooting stars: meteors streaking down the night sky, a shower's all leaning the same way
  'meteors',
  // coconut palms along a beach (the coast); a lighthouse on a rock in the surf; rolling hills (a meadow's
  // or a forest's ground, rising in folds towards the horizon)
  'palm-trees', 'lighthouse', 'hills',
  // shafts of sunlight through a forest's canopy, seen from the forest floor (count: how many beams)
  'sun-rays',
  // a grove of tall bamboo, seen from a path through it (a forest's trees)
  'bamboo',
  // a canyon cut into the desert: terraced walls of banded red rock down to its floor
  'canyon',
  // a lake frozen over: ice, clear and dark in places, cracked, with drifts of snow on it
  'ice',
  // wind turbines along a ridge, rotors turning (count: how many); a solar farm's rows of panels
  'wind-turbines', 'solar-panels',
  // a rainbow in the sky opposite the sun (by day)
  'rainbow',
  // sky lanterns rising into the night sky (count: how many)
  'lanterns',
  // icebergs floating on the sea (count: how many)
  'icebergs',
  // on the water (ocean, coast, lake): fishing boats and sailing boats riding the swell (count: how many)
  'boats', 'sailboats',
  // a log cabin in a clearing of a forest or a meadow, its windows lit as the light goes
  'cabin',
  // a meadow's stalks in front of a low camera, swaying in the wind: tall grass, or wheat with its ears
  'tall-grass', 'wheat',
  // flowers on a meadow's stalks (color: their colour; #f0d04a is the wildflower mix, #8a6bc9 lavender spikes)
  'flowers',
  // drops falling on a lake's still surface in front of a low camera, each spreading a ring of ripples
  'ripples',
  // a field of sunflowers round a camera standing among them
  'sunflowers',
  // a volcano erupting (setting 'mountains'): a lone cone, lava in its crater and down its flanks, lava bombs
  // and an ash column
  'volcano',
  // a tulip field: beds in stripes of one colour each to the horizon (color: #e0314b the growers' mix,
  // else every stripe that colour)
  'tulips',
  // a garden pond seen from above (setting 'pond'): koi gliding at different depths (count: how many), lily
  // pads floating on the surface (count: how many)
  'koi', 'lily-pads',
  // under the sea (setting 'underwater'): a school of fish (count: how many), a coral reef on the seabed
  'fish', 'coral', 'jellyfish',
  // a road winding through a landscape (mountains, desert, meadow, forest); cars drive on it
  'road',
  // urban
  'buildings', 'street-lights', 'cars', 'light-trails',
  // a street's neon signs at night, in the palette's colours
  'neon-signs',
  // any outdoor shot: a fireworks show in the sky (count: shells in the air at once), lightning, hot-air
  // balloons (count: how many)
  'fireworks', 'lightning', 'hot-air-balloons',
  // a flock of birds crossing the sky, as dark silhouettes (count: how many)
  'birds',
  // a train crossing the landscape on its track (count: locomotive and coaches): a passenger train in white
  // with a band in its colour, a steam train, a freight train's wagons in many colours
  'train', 'steam-train', 'freight-train',
  // a container ship far out at sea, steaming slowly across the view
  'ship',
  // kites riding the wind over a beach or a field, tails waving, their lines running out of the frame
  // (count: how many)
  'kites',
  // a flag flying from a pole against the sky, waves running along it in the wind (color: the cloth's;
  // #b22234 the stars and stripes)
  'flag',
  // an airliner crossing the sky, navigation lights at dusk and night; with 'contrail' (or in the sky above
  // the clouds) two contrails behind it
  'airplane', 'contrail',
  // a rocket lifting off from its pad beside a launch tower, smoke billowing from the pad
  'rocket',
  // a tornado's funnel reaching from the storm's base to the plain, a skirt of dust at its foot
  'tornado',
  // a Ferris wheel turning slowly on the ground ahead, its lights chasing round after dark
  'ferris-wheel',
  // butterflies fluttering through the view a metre or a few from the lens (count: how many; color: #c98f3a
  // a mix of kinds, else every one that colour)
  'butterflies',
  // abstract
  'gradient', 'shapes', 'rings', 'grid', 'ribbons',
  // outer space (setting 'space'): a nebula among the stars; a planet turning in the sun; an asteroid field
  // (count: how many rocks); a black hole with its accretion disk (color: the gas's)
  'nebula', 'planet', 'asteroids', 'black-hole',
  // a total solar eclipse: the moon's disc in the corona, the diamond ring flaring as totality ends (color:
  // the corona's)
  'eclipse',
  // the solar system as an orrery: the sun and the eight planets going round it at their rates in proportion
  'solar-system',
  // arcs of light between places on the globe, pulses running along them (with a planet; count: arcs)
  'globe-links',
  // the pyramids of Giza across the dunes, in their real proportions
  'pyramids',
  // Dutch windmills: a smock on a brick base, a thatched cap, four lattice sails turning (count: how many, in a row)
  'windmill',
  // a suspension bridge over open water, its traffic, lit at dusk and night (color: its paint)
  'bridge',
  // a spiral galaxy seen from outside at an angle, turning slowly (color: its arms' light)
  'galaxy',
  // party balloons rising through the frame over an abstract field, in the palette's colours (count: how many)
  'party-balloons',
  // puffy glossy hearts floating up through the frame, turning (count: how many; color: every heart's when named)
  'hearts',
  // stage lighting in haze over a dark field: moving-head beams sweeping from a rig above the frame, or
  // laser beams scanning (count: how many fixtures)
  'stage-lights', 'lasers',
  // a mirror ball turning in a dark room, throwing spots of light round the walls
  'disco-ball',
  // streaks of light flying across the frame in layers; at warp speed, rushing past the lens in a tunnel
  'light-streaks', 'warp',
  // a DNA double helix lying across the frame, turning about its axis
  'helix',
  // a plexus: drifting points joined by lines where they come near each other (count: how many points)
  'network',
  // digital rain: columns of glyphs falling, bright heads trailing fading tails
  'code-rain',
  // a circuit board seen from above at an angle: chips, traces routed from their pins, pulses of light
  // running along the traces (color: the traces' light)
  'circuit',
  // a head-up display: concentric rings turning, a radar sweep, level bars, a readout, corner brackets
  'hud',
  // bursts of coloured powder thrown out and drifting (count: how many bursts), in the palette's bright colours
  'powder',
  // a heart monitor's ECG trace sweeping across a faint grid, a sinus rhythm at 72 a minute
  'heartbeat',
  // an audio visualizer to a beat: a spectrum analyser's bars with falling peak caps; a glowing waveform
  // line pulsing with it (count: the tempo in beats a minute, 60 to 200; color: the bars' foot or the line's start)
  'equalizer', 'waveform',
  // a flat field of one colour, nothing moving: a chroma-key plate or a solid background (color: the field's)
  'chroma-key',
  // old film's dust, hairs and scratches, white on black, for a screen blend over footage
  'film-damage',
  // cells under a fluorescence microscope: glowing cytoplasm, blue nuclei, drifting, a few dividing (count:
  // cells in view; color: the stain's)
  'cells',
  // nerve cells in the dark, dendrites branching, an axon to a neighbour, impulses running along them (count: cells)
  'neurons',
  // an analogue television's static: a new field of noise each frame, in scan lines, a band rolling up
  'tv-static',
  // a honeycomb of cells outlined in light, rings of light spreading across it, cells glowing and fading
  'hexagons',
  // sparklers burning in the dark, throwing sparks (count: how many)
  'sparklers',
  // gears turning: a train of meshing spur gears in metal, another behind it
  'gears',
  // data charts growing on a dark field: bars rising one after another, a rising line graph drawing itself
  'bar-chart', 'line-chart',
  // light overlays on black (for a screen blend): light leaks blooming in from the edges; a lens flare crossing
  'light-leaks', 'lens-flare',
  // shader backgrounds: a kaleidoscope of the palette's colours; a digital glitch
  'kaleidoscope', 'glitch',
  // a decorated Christmas tree turning slowly: lights twinkling up it, baubles, a star on top
  'christmas-tree',
  // science and medical: ball-and-stick molecules drifting (count: how many); a Bohr-model atom; red blood
  // cells streaming through a vessel, seen from inside it (count: how many)
  'molecules', 'atom', 'blood-cells',
  // product
  'bottle', 'can', 'phone', 'box', 'mug', 'watch', 'vase', 'orb', 'tumbler', 'wine-glass', 'candle',
  // jack-o'-lanterns lit from inside, the front one carved (count: 1 to 3 pumpkins)
  'pumpkin',
  // a fire burning in a stone fireplace, in a dark room it lights
  'fireplace',
  // an hourglass in a turned wooden frame, its sand running from the top bulb to a mound in the bottom
  // over the clip (color: the sand's; material: the frame's)
  'hourglass',
  // a twin-bell alarm clock facing the lens, its second hand ticking (color and material: its case's)
  'clock',
  // a Newton's cradle on a lacquered base, its end balls swinging in turn (material: the balls'; color: the base's)
  'cradle',
  // a record player: an LP turning at 33 1/3 on the platter, the tonearm's stylus in the groove (color: the
  // label's; material: the plinth's)
  'record',
  // an empty two-tier podium on the sweep, room above it for a product composited in (color and material: its own)
  'podium',
  // a mechanical metronome facing the lens, its pendulum swinging a beat a swing (count: the tempo in beats a
  // minute, 40 to 208; color and material: the case's)
  'metronome',
  // pendulums on a wooden stand: one brass bob swinging across the lens, or a pendulum wave of bobs on graded
  // threads that snakes and comes back into line (count: how many, 1 to 24; material: the bobs'; color: the stand's)
  'pendulum',
  // a birthday cake on a stand, two frosted tiers, sprinkles, its candles lit (count: candles, 1 to 12; color: the frosting's)
  'cake',
  // a chess set in its starting position on a wooden board, ivory and ebony pieces
  'chess',
  // a Rubik's cube on the turntable, scrambled at the start and solved a quarter turn at a time by the end
  // (material: the stickers' finish)
  'rubiks-cube',
  // rising from the product (a hot drink); drifting over an abstract field
  'steam', 'smoke',
  // clouds of ink sinking and blooming in clear water, over an abstract field (white unless one is named)
  'ink',
  // rain on a window pane, the world behind it out of focus (count: how wet, 1 to 10)
  'raindrops',
  // physics bodies (beans: roasted coffee beans, each with the crease down its flat face; coins: milled
  // coins, gold unless a material is named; pearls: lustrous white beads; bricks: a wall a wrecking ball
  // swings into; blocks: a tower of wooden blocks in crossed layers of three; pins: ten bowling pins;
  // billiards: fifteen pool balls racked for the break; dice: thrown, tumbling to a stop, pips and all;
  // glass: a window pane in its frame that a steel ball shatters)
  'balls', 'cubes', 'dominoes', 'crates', 'marbles', 'beans', 'coins', 'pearls', 'bricks', 'blocks', 'pins', 'billiards', 'dice', 'glass',
] as const;
export const MATERIALS = ['matte', 'plastic', 'metal', 'chrome', 'gold', 'glass', 'wood', 'stone', 'rubber', 'ceramic', 'emissive'] as const;
export const CAMERA_MOVES = [
  'static', 'dolly-in', 'dolly-out', 'pan-left', 'pan-right', 'tilt-up', 'tilt-down', 'orbit', 'crane-up', 'crane-down', 'handheld', 'drone',
  // a tracking (slider) move: camera and aim slide sideways together, so near things pass faster than far ones
  'truck-left', 'truck-right',
] as const;
export const PHYSICS_EVENTS = ['fall', 'bounce', 'collide', 'stack', 'dominoes', 'splash'] as const;
export const TONE_MAPPINGS = ['agx', 'aces', 'neutral'] as const;
export const TRANSFERS = ['bt1886', 'srgb'] as const;
export const SHOT_SIZES = ['wide', 'medium', 'close'] as const;

type Lits<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/** A closed set of string literals as a JSON Schema `anyOf` of consts, typed as the union of the strings. */
function literals<const T extends readonly string[]>(values: T, description?: string): TUnion<Lits<T>> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  ) as unknown as TUnion<Lits<T>>;
}

export const Subject = Type.Object(
  {
    kind: literals(SUBJECT_KINDS),
    count: Type.Integer({ minimum: 1, maximum: 400, description: 'How many (instances for trees, buildings, bodies).' }),
    material: literals(MATERIALS),
    color: Hex,
  },
  Strict,
);
export type Subject = Static<typeof Subject>;

export const Particles = Type.Object(
  {
    kind: literals(PARTICLE_KINDS),
    density: Type.Number({ minimum: 0.05, maximum: 1, description: 'Fraction of the archetype\'s maximum particle count.' }),
  },
  Strict,
);
export type Particles = Static<typeof Particles>;

export const PhysicsEvent = Type.Object(
  {
    kind: literals(PHYSICS_EVENTS),
    body: literals(['balls', 'cubes', 'dominoes', 'crates', 'marbles', 'beans', 'coins', 'pearls', 'bricks', 'blocks', 'pins', 'billiards', 'dice', 'glass'] as const),
    count: Type.Integer({ minimum: 1, maximum: 200 }),
    material: literals(MATERIALS),
  },
  Strict,
);
export type PhysicsEvent = Static<typeof PhysicsEvent>;

export const TextOverlay = Type.Object(
  {
    // countdown: numbers from the title's (e.g. "10") down to 1, each an equal share of the clip.
    // credits: an end roll of the title and then `lines`, each "Role: Name", "Directed by Name" or a heading.
    // progress: a loading indicator filling to 100% with its percentage, the title its label.
    mode: literals(['title', 'lower-third', 'countdown', 'credits', 'progress', 'code', 'ticker'] as const),
    title: Type.String({ minLength: 1, maxLength: 80 }),
    subtitle: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    lines: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 80 }), {
        maxItems: 200,
        description: 'Credits only: the lines that roll after the title, in order.',
      }),
    ),
    reveal: Type.Optional(literals(['typewriter'] as const, 'Titles only: typewriter types the title and subtitle a key at a time, a caret after them.')),
    indicator: Type.Optional(literals(['ring', 'bar'] as const, 'Progress only: a ring filling clockwise (the default) or a bar filling left to right.')),
  },
  Strict,
);
export type TextOverlay = Static<typeof TextOverlay>;

export const ScenePlan = Type.Object(
  {
    version: Type.Literal(1),
    archetype: literals(ARCHETYPES, 'The kind of shot; decides the scene builder.'),
    setting: literals(SETTINGS),
    subjects: Type.Array(Subject, { maxItems: 8 }),
    timeOfDay: literals(TIMES_OF_DAY),
    weather: Type.Object(
      {
        condition: literals(CONDITIONS),
        fog: Type.Number({ minimum: 0, maximum: 1, description: '0 clear air, 1 thick fog.' }),
        cloudCover: Unit,
        wind: Type.Number({ minimum: 0, maximum: 1, description: '0 still, 1 gale; moves particles, trees, clouds.' }),
      },
      Strict,
    ),
    particles: Type.Array(Particles, { maxItems: 4 }),
    palette: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 32 }),
        colors: Type.Array(Hex, { minItems: 2, maxItems: 6 }),
      },
      Strict,
    ),
    camera: Type.Object(
      {
        move: literals(CAMERA_MOVES),
        speed: Type.Number({ minimum: 0.1, maximum: 3, description: '1 is a moderate move over the clip.' }),
        shot: literals(SHOT_SIZES),
        focalLengthMm: Type.Number({ minimum: 10, maximum: 300, description: 'Full-frame equivalent.' }),
        shallowDepthOfField: Type.Boolean(),
        shake: Type.Number({ minimum: 0, maximum: 1, description: 'Handheld sway on top of the move.' }),
        faceSun: Type.Optional(
          Type.Boolean({ description: 'Sunsets and sunrises: the sun low in the frame, the shot backlit (the sun turns to where the camera looks).' }),
        ),
        motionBlur: Type.Optional(
          Type.Object(
            {
              shutterAngle: Type.Number({ minimum: 1, maximum: 360, description: 'Degrees: 180 is the film look, 360 open for the whole frame.' }),
              samples: Type.Integer({ minimum: 2, maximum: 32, description: 'Instants rendered and averaged per frame; the render costs this many times more.' }),
            },
            { ...Strict, description: 'Camera motion blur. Absent: none (particles still streak as a 180-degree shutter would record them).' },
          ),
        ),
      },
      Strict,
    ),
    physics: Type.Object(
      {
        events: Type.Array(PhysicsEvent, { maxItems: 4 }),
        gravity: Type.Number({ minimum: 0, maximum: 30, description: 'm/s^2 downwards.' }),
      },
      Strict,
    ),
    text: Type.Union([TextOverlay, Type.Null()]),
    motion: Type.Object(
      { speed: Type.Number({ minimum: 0.1, maximum: 4, description: 'Time scale: 0.25 is slow motion, 2 is sped up.' }) },
      Strict,
    ),
    grade: Type.Object(
      {
        exposure: Type.Number({ minimum: -4, maximum: 4, description: 'EV offset.' }),
        toneMapping: literals(TONE_MAPPINGS),
        saturation: Type.Number({ minimum: 0, maximum: 2 }),
        vignette: Unit,
        grain: Unit,
        transfer: literals(TRANSFERS, 'bt1886: Rec.709 video for a 2.4-gamma display (the default). srgb: the sRGB curve.'),
      },
      Strict,
    ),
    exclude: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
      maxItems: 32,
      description: 'Things the prompt asked to leave out ("no people", "without text").',
    }),
    source: Type.Optional(
      Type.Object(
        {
          prompt: Type.String({ maxLength: 2000 }),
          usedWords: Type.Array(Type.String()),
          ignoredWords: Type.Array(Type.String()),
        },
        { ...Strict, description: 'What the planner read; informational, not used for rendering.' },
      ),
    ),
  },
  { ...Strict, $id: 'ScenePlan', title: 'Rushes procedural scene plan', description: 'Version 1 of the procedural generator\'s scene plan.' },
);
export type ScenePlan = Static<typeof ScenePlan>;
export type Archetype = ScenePlan['archetype'];
export type CameraMove = ScenePlan['camera']['move'];
export type TimeOfDay = ScenePlan['timeOfDay'];
export type Setting = ScenePlan['setting'];
export type SubjectKind = Subject['kind'];
export type Material = Subject['material'];
export type ParticleKind = Particles['kind'];
export type PhysicsEventKind = PhysicsEvent['kind'];
export type BodyKind = PhysicsEvent['body'];
/** Small bodies that come by the handful: poured onto one heap and shot close, never racked or scattered. */
export const HEAP_BODIES: readonly BodyKind[] = ['beans', 'coins', 'pearls'];
/** The trains (scene/train.mts draws whichever the plan has). */
export const TRAIN_KINDS = ['train', 'steam-train', 'freight-train'] as const satisfies readonly SubjectKind[];
export type TrainKind = (typeof TRAIN_KINDS)[number];
export const isTrainKind = (kind: SubjectKind | undefined): kind is TrainKind => (TRAIN_KINDS as readonly string[]).includes(kind ?? '');

/** The plan's JSON Schema, e.g. for editors or `rushes plan --schema`. */
export const scenePlanJsonSchema: object = JSON.parse(JSON.stringify(ScenePlan));
/**
 * Overlays: delivered on black (or, for static, filling the frame) to be laid over other footage; the
 * overlay moves and the frame holds still.
 */
export const OVERLAY_KINDS: readonly SubjectKind[] = ['light-leaks', 'lens-flare', 'film-damage', 'tv-static'];
