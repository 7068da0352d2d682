/**
 * The words the planner understands, and what each one does to a plan. One entry per concept, listing
 * its synonyms, so "woods", "woodland" and "forest" cannot drift apart. Multi-word phrases ("golden
 * hour", "push in") are matched before single words. Pure data: the planner reads it, tests sample it.
 */
import type {
  Archetype,
  BodyKind,
  CameraMove,
  Material,
  ParticleKind,
  PhysicsEventKind,
  Setting,
  SubjectKind,
  TimeOfDay,
} from './schema';

/** What one recognised term contributes. Every field is optional; most terms set one or two. */
export interface Effect {
  /** Votes for a kind of shot; the archetype with the most weight wins. */
  archetype?: Partial<Record<Archetype, number>>;
  setting?: Setting;
  subject?: SubjectKind;
  body?: BodyKind;
  material?: Material;
  timeOfDay?: TimeOfDay;
  condition?: 'clear' | 'cloudy' | 'fog' | 'rain' | 'snow' | 'storm';
  wind?: number;
  particles?: ParticleKind;
  camera?: CameraMove;
  speed?: number;
  shot?: 'wide' | 'medium' | 'close';
  focalLengthMm?: number;
  shallowDepthOfField?: boolean;
  /** Camera motion blur (a 180-degree shutter, averaged over several instants per frame). */
  motionBlur?: boolean;
  /** The sun in the frame (a sunset or sunrise shot), backlit. */
  faceSun?: boolean;
  /** The moon in the frame: faceSun at night. */
  moon?: true;
  /** How thick the weather or particles are: 1 heavy, 0.2 light (the planner's default is 0.5). */
  particleDensity?: number;
  physics?: PhysicsEventKind;
  palette?: string;
  /** A colour word: tints the main subject. */
  color?: string;
  /** The field behind the subject ("on a black background"); the colour words still go to the subject. */
  background?: string;
  textMode?: 'title' | 'lower-third' | 'countdown' | 'credits' | 'progress' | 'code' | 'ticker';
  /** Code on a screen: the language it is written in. */
  codeLanguage?: 'typescript' | 'python';
  /** A progress indicator's shape. */
  indicator?: 'ring' | 'bar';
  /** How a title comes on: typed a key at a time. */
  textReveal?: 'typewriter';
  /** Film grain asked for (the grade's grain, 0..1). */
  grain?: number;
  /** Overall time scale (slow motion). */
  timeScale?: number;
  /** A count word such as "dozens". */
  count?: number;
  /** A fireworks finale: many shells at once. */
  finale?: true;
  /** What the term leaves out without a negator ("empty street": no traffic), as an `excludes` name. */
  clears?: string;
  /** Name used when the term is negated ("no people" -> exclude "people"). */
  excludes?: string;
  /** The term is understood but nothing in the scene can show it (e.g. people): it is reported as ignored unless negated. */
  unrenderable?: true;
  /** A room or a building's inside: not drawn, and with nothing else named not a landscape either. */
  indoors?: true;
}

interface Entry {
  words: string[];
  effect: Effect;
}

const A = (archetype: Archetype, w = 2): Partial<Record<Archetype, number>> => ({ [archetype]: w });

const ENTRIES: Entry[] = [
  // ---------------------------------------------------------------- nature settings and subjects
  { words: ['forest', 'forests', 'woods', 'woodland', 'woodlands', 'trees', 'tree', 'grove', 'taiga', 'jungle', 'rainforest'], effect: { archetype: A('nature', 3), setting: 'forest', subject: 'broadleaf-trees', excludes: 'trees' } },
  { words: ['sky lanterns', 'sky lantern', 'floating lanterns', 'paper lanterns', 'lantern festival', 'lanterns', 'chinese lanterns', 'wish lanterns', 'kongming lanterns', 'lanterns floating', 'lanterns rising', 'yi peng', 'loy krathong'], effect: { archetype: A('nature', 2), subject: 'lanterns', timeOfDay: 'night', excludes: 'lanterns' } },
  { words: ['iceberg', 'icebergs', 'ice floes', 'ice floe', 'glacier calving', 'sea ice', 'floating ice'], effect: { archetype: A('nature', 4), setting: 'ocean', subject: 'icebergs', palette: 'winter', excludes: 'icebergs' } },
  { words: ['arctic', 'antarctic', 'antarctica', 'polar', 'arctic ocean', 'arctic sea', 'polar sea', 'greenland'], effect: { palette: 'winter' } },
  { words: ['rainbow', 'rainbows', 'double rainbow', 'a rainbow'], effect: { archetype: A('nature', 3), subject: 'rainbow', excludes: 'rainbow' } },
  { words: ['wind turbine', 'wind turbines', 'wind farm', 'wind farms', 'wind turbine farm', 'wind turbine farms', 'turbine farm', 'turbine farms', 'wind power', 'wind energy', 'wind park', 'turbines', 'turbine'], effect: { archetype: A('nature', 4), subject: 'wind-turbines', excludes: 'turbines' } },
  // A suspension bridge over the water ("a bridge at night" was a pine forest); the Golden Gate in its
  // International Orange.
  { words: ['bridge', 'bridges', 'suspension bridge', 'suspension bridges', 'bay bridge', 'bridge over the bay', 'bridge over the water', 'bridge over water', 'big bridge', 'long bridge', 'cable bridge'], effect: { archetype: A('nature', 4), subject: 'bridge', excludes: 'bridge' } },
  { words: ['golden gate bridge', 'golden gate', 'the golden gate bridge', 'the golden gate', 'san francisco bridge'], effect: { archetype: A('nature', 5), subject: 'bridge', color: '#c0362c', excludes: 'bridge' } },
  // Windmills are the old Dutch kind ("a windmill in holland" was a row of wind turbines); a wind farm
  // or a turbine is the modern one.
  { words: ['windmill', 'windmills', 'wind mill', 'wind mills', 'dutch windmill', 'dutch windmills', 'old dutch windmill', 'old dutch windmills', 'old windmill', 'old windmills', 'traditional windmill', 'traditional windmills', 'historic windmill', 'windmill in holland', 'windmills in holland', 'holland', 'the netherlands', 'netherlands', 'kinderdijk'], effect: { archetype: A('nature', 4), subject: 'windmill', excludes: 'windmill' } },
  { words: ['solar panel', 'solar panels', 'solar cell', 'solar cells', 'solar farm', 'solar farms', 'solar power', 'solar energy', 'solar array', 'solar park', 'photovoltaic', 'photovoltaics', 'pv panels', 'solar plant'], effect: { archetype: A('nature', 4), subject: 'solar-panels', excludes: 'solar' } },
  { words: ['renewable energy', 'renewables', 'green energy', 'clean energy', 'sustainable energy'], effect: { archetype: A('nature', 3), subject: 'wind-turbines' } },
  { words: ['bamboo', 'bamboo forest', 'bamboo grove', 'bamboo trees', 'bamboo stalks', 'bamboo stems', 'bamboo path', 'bamboo forest path', 'bamboo woods', 'arashiyama', 'bamboo jungle'], effect: { archetype: A('nature', 4), setting: 'forest', subject: 'bamboo', excludes: 'bamboo' } },
  { words: ['pine', 'pines', 'pine forest', 'pine trees', 'conifer', 'conifers', 'fir', 'firs', 'spruce', 'evergreen', 'evergreens', 'fir trees', 'christmas trees', 'christmas forest'], effect: { archetype: A('nature', 3), setting: 'forest', subject: 'pine-trees', excludes: 'trees' } },
  { words: ['mountain', 'mountains', 'peaks', 'peak', 'alps', 'alpine', 'summit', 'ridge', 'ridges', 'range', 'valley', 'highlands', 'cliffs'], effect: { archetype: A('nature', 3), setting: 'mountains', subject: 'mountains' } },
  { words: ['ocean', 'sea', 'waves', 'wave', 'ocean waves', 'surf', 'seascape', 'water', 'swell', 'tide', 'bay'], effect: { archetype: A('nature', 3), setting: 'ocean', subject: 'waves' } },
  { words: ['tall grass', 'long grass', 'wild grass', 'grass blowing', 'grass swaying', 'swaying grass', 'blowing grass', 'blades of grass', 'grass blades', 'grass in the wind', 'meadow grass', 'reeds', 'pampas grass', 'through the grass', 'through tall grass'], effect: { archetype: A('nature', 3), subject: 'tall-grass', excludes: 'grass' } },
  { words: ['wheat', 'wheat field', 'wheat fields', 'field of wheat', 'fields of wheat', 'wheatfield', 'barley', 'rye', 'grain field', 'cornfield', 'corn field', 'crops', 'golden field', 'golden fields', 'golden wheat', 'golden wheat field', 'ripe wheat'], effect: { archetype: A('nature', 3), subject: 'wheat', excludes: 'wheat' } },
  // Under the sea: the seabed in blue water, light falling through the surface, fish, a reef.
  { words: ['underwater', 'under water', 'under the sea', 'under the ocean', 'undersea', 'beneath the waves', 'below the surface', 'beneath the surface', 'seabed', 'sea floor', 'seafloor', 'ocean floor', 'scuba', 'scuba diving', 'diving', 'snorkeling', 'snorkelling', 'deep sea', 'deep blue sea'], effect: { archetype: A('nature', 4), setting: 'underwater' } },
  { words: ['fish', 'fishes', 'school of fish', 'shoal', 'shoal of fish', 'tropical fish', 'sardines', 'reef fish', 'swimming fish'], effect: { archetype: A('nature', 3), subject: 'fish', excludes: 'fish' } },
  { words: ['jellyfish', 'jelly fish', 'jellies', 'medusa', 'medusae'], effect: { archetype: A('nature', 3), subject: 'jellyfish', excludes: 'jellyfish' } },
  { words: ['coral', 'corals', 'coral reef', 'reef', 'coral reefs', 'reefs'], effect: { archetype: A('nature', 3), subject: 'coral', excludes: 'coral' } },
  { words: ['flowers', 'wildflowers', 'wildflower', 'wildflower meadow', 'wildflower field', 'wild flowers', 'flower field', 'field of flowers', 'fields of flowers', 'flower meadow', 'meadow flowers', 'daisies', 'blooming meadow', 'flowering meadow'], effect: { archetype: A('nature', 3), subject: 'flowers', excludes: 'flowers' } },
  { words: ['volcano', 'volcanoes', 'volcanic', 'volcanic eruption', 'erupting volcano', 'eruption', 'erupting', 'lava', 'lava flow', 'lava flows', 'lava flowing', 'molten lava', 'magma', 'active volcano', 'stratovolcano'], effect: { archetype: A('nature', 4), setting: 'mountains', subject: 'volcano', excludes: 'volcano' } },
  { words: ['ripples', 'ripple', 'water ripples', 'ripples on water', 'ripples on the water', 'rippling water', 'ripples on water surface', 'water surface ripples', 'drops on water', 'drops falling on water', 'pond ripples'], effect: { archetype: A('nature', 5), setting: 'lake', subject: 'ripples', excludes: 'ripples' } },
  { words: ['rain on a lake', 'rain on the lake', 'rain falling on a lake', 'rain on water', 'rain falling on water', 'raindrops on water', 'raindrops on a lake', 'puddle', 'puddles', 'raindrops on a puddle', 'rain in a puddle', 'rain puddle', 'rain on a pond', 'raindrops on a pond'], effect: { archetype: A('nature', 5), setting: 'lake', subject: 'ripples', condition: 'rain', excludes: 'ripples' } },
  { words: ['tulips', 'tulip', 'tulip field', 'tulip fields', 'field of tulips', 'fields of tulips', 'tulip farm', 'bulb fields', 'flower bulb fields'], effect: { archetype: A('nature', 3), subject: 'tulips', excludes: 'tulips' } },
  { words: ['sunflowers', 'sunflower', 'sunflower field', 'sunflower fields', 'field of sunflowers', 'fields of sunflowers'], effect: { archetype: A('nature', 3), subject: 'sunflowers', excludes: 'sunflowers' } },
  { words: ['lavender', 'lavender field', 'lavender fields', 'field of lavender'], effect: { archetype: A('nature', 3), subject: 'flowers', color: '#8a6bc9', excludes: 'flowers' } },
  { words: ['poppies', 'poppy field', 'poppy fields', 'field of poppies'], effect: { archetype: A('nature', 3), subject: 'flowers', color: '#d7261e', excludes: 'flowers' } },
  // The cabin's chimney smokes already ("with smoke from the chimney" was reported ignored); a factory's
  // chimneys are not drawn.
  { words: ['smoke from the chimney', 'smoke from its chimney', 'chimney smoke', 'smoking chimney', 'smoke rising from the chimney', 'chimney', 'wood smoke', 'woodsmoke'], effect: { archetype: A('nature', 2), subject: 'cabin', excludes: 'cabin' } },
  { words: ['factory chimneys', 'factory chimney', 'smokestack', 'smokestacks', 'industrial chimney', 'industrial chimneys', 'power plant', 'power station', 'cooling towers', 'factory', 'factories', 'refinery', 'cooling tower', 'power plants', 'power stations', 'nuclear power plant', 'nuclear plant', 'oil refinery', 'refineries', 'oil rig', 'oil rigs', 'drilling rig', 'oil drilling rig'], effect: { excludes: 'factories', unrenderable: true } },
  { words: ['cabin', 'log cabin', 'cabins', 'cottage', 'hut', 'chalet', 'lodge', 'wooden cabin', 'cozy cabin', 'cosy cabin', 'cabin in the woods', 'forest cabin', 'mountain cabin'], effect: { archetype: A('nature', 3), subject: 'cabin', excludes: 'cabin' } },
  // A farm's house stands in open fields, not among the trees a cabin defaults to.
  { words: ['farmhouse', 'farm house', 'barn', 'barns', 'red barn', 'old barn', 'farm', 'farms', 'farmstead', 'homestead', 'ranch'], effect: { archetype: A('nature', 3), setting: 'meadow', subject: 'cabin', excludes: 'cabin' } },
  // Boats ride the swell; a harbour is the sea with boats in it.
  { words: ['boat', 'boats', 'fishing boat', 'fishing boats', 'rowboat', 'rowboats', 'rowing boat', 'rowing boats', 'motorboat', 'motorboats', 'trawler', 'trawlers', 'dinghy'], effect: { archetype: A('nature', 3), subject: 'boats', excludes: 'boats' } },
  { words: ['sailboat', 'sailboats', 'sailing boat', 'sailing boats', 'yacht', 'yachts', 'sailing', 'sail boat', 'sail boats', 'regatta'], effect: { archetype: A('nature', 3), subject: 'sailboats', excludes: 'boats' } },
  { words: ['harbour', 'harbor', 'marina', 'harbours', 'harbors', 'marinas', 'fishing harbor', 'fishing harbour'], effect: { archetype: A('nature', 3), setting: 'ocean', subject: 'boats' } },
  { words: ['sky', 'skies', 'clouds', 'cloud', 'cloudscape', 'heavens', 'cumulus', 'sunrise', 'sunset', 'clouds rolling', 'rolling clouds', 'clouds rolling in', 'clouds rolling by', 'clouds drifting', 'drifting clouds', 'moving clouds', 'clouds moving'], effect: { archetype: A('nature', 2), setting: 'sky', subject: 'clouds', excludes: 'clouds' } },
  // A beach: sand in the foreground, the swell running in and breaking into surf along the shore.
  { words: ['beach', 'beaches', 'coast', 'coastline', 'shore', 'shoreline', 'seashore', 'seaside', 'surf', 'waves crashing', 'crashing waves', 'breaking waves', 'waves breaking', 'sandy beach', 'over the sand', 'on the sand', 'onto the sand', 'wet sand', 'washing over sand', 'washing over the sand', 'washing ashore', 'lapping', 'lapping at the shore'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'waves' } },
  // A lagoon is a tropical shore's shallows seen from above or along the beach ("drone shot over a turquoise
  // lagoon" was a turquoise gradient).
  { words: ['lagoon', 'lagoons', 'turquoise lagoon', 'tropical lagoon', 'blue lagoon', 'atoll', 'coral atoll', 'lagoon from above'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'waves', palette: 'tropical' } },
  // A tropical beach: turquoise shallows over pale sand, in the day's light (the tropical palette).
  { words: ['tropical beach', 'tropical beaches', 'caribbean beach', 'paradise beach', 'white sand beach', 'white sandy beach', 'white sand', 'tropical island', 'tropical shore', 'tropical coast', 'island beach'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'waves', palette: 'tropical' } },
  // Surf on rocks is a shore: the coast, with rocks in the surf (the open sea has nothing to break on).
  { words: ['crashing on rocks', 'crashing on the rocks', 'crashing against rocks', 'crashing against the rocks', 'crashing into rocks', 'crashing into the rocks', 'breaking on rocks', 'breaking on the rocks', 'breaking against the rocks', 'rocky shore', 'rocky coast', 'rocky coastline', 'rocky beach', 'sea cliffs', 'sea stacks', 'crashing on the shore', 'crashing on the beach', 'crashing onto the shore', 'crashing onto the beach'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'rocks' } },
  { words: ['lighthouse', 'lighthouses', 'light house', 'lighthouse beam', 'beacon', 'rotating beam', 'sweeping beam', 'lighthouse light', 'lighthouse lamp'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'lighthouse', excludes: 'lighthouse' } },
  { words: ['palm', 'palms', 'palm tree', 'palm trees', 'coconut palm', 'coconut palms', 'coconut trees', 'tropical island', 'tropical paradise', 'paradise beach', 'desert island'], effect: { archetype: A('nature', 3), setting: 'coast', subject: 'palm-trees', excludes: 'palms' } },
  { words: ['lake', 'lakes', 'pond', 'reservoir', 'loch', 'lakeside', 'lakeshore', 'mountain lake', 'forest lake'], effect: { archetype: A('nature', 3), setting: 'lake', subject: 'waves' } },
  { words: ['river', 'rivers', 'riverside', 'river bank', 'riverbank', 'stream', 'creek', 'brook', 'winding river', 'river valley', 'meandering river'], effect: { archetype: A('nature', 3), setting: 'river', subject: 'waves' } },
  { words: ['waterfall', 'waterfalls', 'cascade', 'cascades', 'cascading water', 'falling water', 'plunge pool'], effect: { archetype: A('nature', 4), setting: 'river', subject: 'waterfall', excludes: 'waterfall' } },
  { words: ['meadow', 'field', 'fields', 'grassland', 'grasslands', 'prairie', 'plains', 'the plains', 'great plains', 'open plains', 'grass', 'countryside', 'pasture', 'farmland', 'landscape', 'nature', 'outdoors', 'park', 'parks', 'garden', 'gardens', 'lawn'], effect: { archetype: A('nature', 3), setting: 'meadow', subject: 'grass' } },
  // Shafts of sunlight through the trees: the sun ahead, above the frame, the air hazy enough to show them.
  { words: ['sunbeams', 'sunbeam', 'sun beams', 'sun rays', 'rays of sun', 'rays of sunlight', 'rays of light', 'light rays', 'god rays', 'crepuscular rays', 'light shafts', 'shafts of light', 'shafts of sunlight', 'sunlight through the trees', 'sun through the trees', 'sunlight through leaves', 'sunlight through tree leaves', 'sunlight through the leaves', 'sun through leaves', 'sun through the leaves', 'light through leaves', 'light through the leaves', 'sun shining through trees', 'sun shining through the trees', 'light through the trees', 'sunlight streaming', 'streaming sunlight', 'volumetric light', 'volumetric lighting', 'dappled sunlight', 'dappled light'], effect: { archetype: A('nature', 3), subject: 'sun-rays', faceSun: true } },
  { words: ['hill', 'hills', 'hillside', 'hillsides', 'rolling hills', 'rolling green hills', 'hilly', 'downs', 'rolling countryside', 'green hills'], effect: { archetype: A('nature', 3), setting: 'meadow', subject: 'hills' } },
  { words: ['desert', 'mesa', 'badlands'], effect: { archetype: A('nature', 3), setting: 'desert', subject: 'rocks' } },
  { words: ['canyon', 'canyons', 'grand canyon', 'the grand canyon', 'red rock canyon', 'desert canyon', 'gorge', 'canyon rim', 'canyonlands', 'river canyon'], effect: { archetype: A('nature', 4), setting: 'desert', subject: 'canyon', excludes: 'canyon' } },
  // Dunes are sand alone: no boulders on them.
  // A sand sea: the desert's boulders stay away unless rocks are named ("desert sand dunes" scattered grey
  // boulders over the sand).
  { words: ['dunes', 'dune', 'sand dunes', 'sand', 'sandy', 'sahara', 'sand sea', 'erg'], effect: { archetype: A('nature', 3), setting: 'desert', clears: 'boulders' } },
  { words: ['northern lights', 'aurora borealis', 'aurora australis', 'southern lights', 'polar lights', 'northern lights dancing', 'dancing northern lights', 'aurora dancing', 'dancing aurora', 'aurora dancing in the sky'], effect: { archetype: A('nature', 3), subject: 'aurora', timeOfDay: 'night', excludes: 'aurora' } },
  // A show over water or a skyline: where it goes is the setting's business (the planner picks water
  // when nothing else is named); night unless a time is named.
  { words: ['fireworks', 'firework', 'fireworks display', 'firework display', 'fireworks show', 'pyrotechnics', 'pyrotechnic', 'new year', 'new years', "new year's", 'new years eve', "new year's eve", 'bonfire night', 'guy fawkes', 'diwali'], effect: { archetype: A('nature', 1), subject: 'fireworks', excludes: 'fireworks' } },
  // Stage lighting: beams sweeping through haze from a rig above the frame; lasers are thin beams scanning.
  // (Not "light beams" or "a spotlight": through a forest those are sunbeams, on a product its key light.)
  // Streaks of light are a motion-graphics background ("abstract light streaks" was a city at night); in a
  // street or on a road they are its light trails (the planner turns them). At warp speed they rush past.
  { words: ['light streaks', 'streaks of light', 'streaks', 'light streak', 'streaking lights', 'speed lines', 'light rays flying', 'light speed lines'], effect: { archetype: A('abstract', 3), subject: 'light-streaks', excludes: 'streaks' } },
  { words: ['warp speed', 'warp', 'hyperspace', 'hyperspace jump', 'light speed', 'lightspeed', 'speed of light', 'warp drive', 'warp tunnel', 'light tunnel', 'speed tunnel', 'jump to hyperspace', 'star streaks', 'stars streaking'], effect: { archetype: A('abstract', 5), setting: 'space', subject: 'warp', excludes: 'streaks' } },
  // A mirror ball: "a disco ball spinning" drew a gold can.
  { words: ['disco ball', 'disco balls', 'mirror ball', 'mirror balls', 'mirrorball', 'discoball', 'glitter ball', 'disco mirror ball', 'disco ball spinning', 'spinning disco ball'], effect: { archetype: A('abstract', 6), subject: 'disco-ball', excludes: 'disco ball' } },
  { words: ['stage lights', 'stage light', 'stage lighting', 'concert lights', 'concert lighting', 'club lights', 'nightclub lights', 'disco lights', 'moving head lights', 'moving lights', 'stage spotlights', 'stage beams', 'dance floor', 'dancefloor', 'dance floor with lights', 'nightclub', 'night club', 'nightclub lights', 'rave', 'rave lights', 'party lights', 'festival lights', 'festival stage', 'dj lights'], effect: { archetype: A('abstract', 6), subject: 'stage-lights', palette: 'neon', excludes: 'stage lights' } },
  { words: ['lasers', 'laser', 'laser show', 'laser beams', 'laser lights', 'laser light show'], effect: { archetype: A('abstract', 6), subject: 'lasers', palette: 'neon', excludes: 'lasers' } },
  // Party balloons rise over a field ("balloons" alone too: hot-air balloons are named as such).
  // Hearts floating up ("valentine hearts floating" drew a bare gradient), in reds and pinks.
  { words: ['hearts', 'love hearts', 'floating hearts', 'hearts floating', 'valentine hearts', "valentine's hearts", 'valentines hearts', 'heart shapes', 'heart particles', 'red hearts', 'pink hearts', 'heart balloons', 'heart shaped balloons', 'heart shaped balloon', 'heart balloon', "valentine's day background", 'valentines day background', 'valentine background', 'love background', 'hearts background', 'flying hearts', 'rising hearts', '3d hearts'], effect: { archetype: A('abstract', 6), subject: 'hearts', palette: 'romantic', excludes: 'hearts' } },
  { words: ['balloons', 'balloon', 'party balloons', 'party balloon', 'colorful balloons', 'colourful balloons', 'helium balloons', 'birthday balloons', 'balloons floating', 'balloons floating up', 'balloons rising', 'balloons flying', 'balloon release', 'balloons released'], effect: { archetype: A('abstract', 5), subject: 'party-balloons', palette: 'vibrant', excludes: 'balloons' } },
  { words: ['hot air balloon', 'hot air balloons', 'balloon festival', 'balloon flight', 'montgolfier', 'montgolfiere'], effect: { archetype: A('nature', 2), subject: 'hot-air-balloons', excludes: 'balloons' } },
  { words: ['finale', 'grand finale', 'fireworks finale'], effect: { subject: 'fireworks', finale: true, excludes: 'fireworks' } },
  { words: ['milky way', 'the milky way', 'galaxy', 'galaxies', 'astrophotography', 'starry sky', 'starry night', 'night sky', 'starfield', 'star field', 'stars timelapse', 'star timelapse', 'astro timelapse'], effect: { archetype: A('nature', 3), subject: 'milky-way', timeOfDay: 'night', excludes: 'stars' } },
  { words: ['meteor shower', 'meteor showers', 'meteors', 'meteor', 'shooting star', 'shooting stars', 'falling star', 'falling stars', 'perseids', 'perseid meteor shower', 'geminids', 'fireball in the sky'], effect: { archetype: A('nature', 4), subject: 'meteors', timeOfDay: 'night', excludes: 'meteors' } },
  { words: ['star trails', 'star trail', 'startrails', 'star trails timelapse', 'star trails time lapse', 'star trail timelapse', 'circumpolar', 'circumpolar stars', 'stars circling', 'circling stars', 'north star', 'the north star', 'polaris', 'around the north star', 'stars rotating around the north star', 'around polaris', 'stars spinning', 'spinning stars', 'stars rotating', 'rotating stars', 'stars turning', 'stars circling the pole', 'polaris'], effect: { archetype: A('nature', 4), subject: 'star-trails', timeOfDay: 'night', excludes: 'stars' } },
  { words: ['rocks', 'rock', 'rocky', 'boulders', 'stones'], effect: { archetype: A('nature', 1), subject: 'rocks' } },
  { words: ['fire', 'campfire', 'bonfire', 'flames', 'flame', 'burning', 'crackling', 'crackling fire', 'crackling logs', 'burning logs', 'logs burning'], effect: { archetype: A('nature', 3), subject: 'fire', particles: 'embers', excludes: 'fire' } },
  // Indoors: a fire in a stone fireplace (its words outvote "fire" and "burning" beside them).
  { words: ['fireplace', 'fire place', 'fireplaces', 'hearth', 'fireside', 'cozy fireplace', 'cosy fireplace', 'fire in a fireplace', 'fire in the fireplace', 'log fire'], effect: { archetype: A('product', 8), subject: 'fireplace', particles: 'embers', excludes: 'fire' } },
  { words: ['embers', 'ember', 'sparks', 'spark', 'cinders'], effect: { particles: 'embers', excludes: 'embers' } },
  { words: ['leaves', 'leaf', 'falling leaves', 'foliage'], effect: { archetype: A('nature', 2), particles: 'leaves', excludes: 'leaves' } },
  { words: ['autumn leaves', 'fall leaves', 'autumn foliage'], effect: { archetype: A('nature', 2), particles: 'leaves', palette: 'autumn', excludes: 'leaves' } },
  { words: ['petals', 'petal', 'falling petals', 'flower petals', 'rose petals'], effect: { archetype: A('nature', 2), particles: 'petals', excludes: 'petals' } },
  // Read whole, or "red rose" (a flower we do not draw) would take the colour from the petals.
  { words: ['red rose petals'], effect: { archetype: A('nature', 2), particles: 'petals', color: '#c8202a', excludes: 'petals' } },
  { words: ['golden bokeh', 'gold bokeh', 'golden bokeh lights', 'gold bokeh lights', 'golden lights bokeh'], effect: { archetype: A('abstract', 2), particles: 'bokeh', palette: 'gold', excludes: 'bokeh' } },
  { words: ['golden particles', 'gold particles', 'gold dust', 'golden dust', 'golden sparkles', 'gold sparkles', 'golden glow particles'], effect: { archetype: A('abstract', 2), particles: 'dust', palette: 'gold', excludes: 'particles' } },
  { words: ['gold confetti', 'golden confetti', 'gold and silver confetti', 'gold glitter', 'golden glitter'], effect: { archetype: A('abstract', 2), particles: 'confetti', palette: 'gold', excludes: 'confetti' } },
  // Smoke as an overlay or background element (on a dark field); "smoky" air is fog, below.
  { words: ['matrix code rain', 'matrix code raining', 'matrix code', 'matrix style', 'matrix style code', 'the matrix', 'matrix rain', 'matrix falling code', 'matrix effect', 'digital rain', 'code rain', 'falling code', 'green code', 'computer code', 'binary code', 'binary', 'hacker', 'hacking', 'code background', 'cyber code', 'data stream', 'data streams', 'raining code', 'digital code'], effect: { archetype: A('abstract', 5), subject: 'code-rain', background: '#040806', excludes: 'code' } },
  // Cells under a microscope ("cells under a microscope" drew a bare gradient).
  { words: ['cells', 'microscope', 'under a microscope', 'under the microscope', 'microscopic', 'microscopy', 'microscope view', 'cells under a microscope', 'cells under the microscope', 'cell division', 'cells dividing', 'dividing cells', 'cell dividing', 'mitosis', 'cell culture', 'cell cultures', 'living cells', 'human cells', 'stem cells', 'cancer cells', 'tumor cells', 'tumour cells', 'bacteria', 'bacterium', 'microbes', 'microorganisms', 'micro organisms', 'petri dish', 'amoeba', 'amoebas', 'biology background', 'fluorescent cells', 'fluorescence microscopy', 'cells growing'], effect: { archetype: A('abstract', 5), subject: 'cells', excludes: 'cells' } },
  // Nerve cells ("brain neurons firing" drew a bare gradient). "Neural network" stays the plexus.
  { words: ['neuron', 'neurons', 'neurons firing', 'firing neurons', 'neuron firing', 'brain neurons', 'brain neurons firing', 'brain cells', 'nerve cells', 'nerve cell', 'neural cells', 'synapse', 'synapses', 'synapses firing', 'synaptic', 'neural activity', 'brain activity', 'neural connections', 'neural pathways', 'nerve impulses', 'nerve impulse', 'nervous system', 'neurons connecting', 'neuron network', 'network of neurons', 'neurotransmission', 'dendrites', 'axons'], effect: { archetype: A('abstract', 6), subject: 'neurons', excludes: 'neurons' } },
  { words: ['plexus', 'network', 'networks', 'network connections', 'network background', 'connected dots', 'connecting dots', 'connection lines', 'connections', 'data network', 'neural network', 'nodes and lines', 'connected nodes', 'digital network', 'particles network', 'particle network', 'network of lines'], effect: { archetype: A('abstract', 4), subject: 'network', excludes: 'network' } },
  { words: ['dna', 'dna helix', 'dna double helix', 'double helix', 'dna strand', 'dna strands', 'dna molecule', 'helix', 'genome', 'genetics', 'genetic code', 'dna sequence', 'dna spiral'], effect: { archetype: A('abstract', 5), subject: 'helix', excludes: 'helix' } },
  { words: ['science', 'scientific', 'medical', 'biotech', 'biology', 'healthcare', 'pharmaceutical', 'laboratory research', 'life sciences'], effect: { palette: 'cool' } },
  { words: ['ink', 'ink in water', 'ink in the water', 'ink drop', 'ink drops', 'drop of ink', 'drops of ink', 'ink drops in water', 'ink cloud', 'ink clouds', 'ink swirl', 'ink swirls', 'swirling ink', 'ink spreading', 'ink spreading in water', 'ink drops spreading in water', 'ink blooming', 'ink diffusing', 'ink in water background', 'ink diffusion', 'watercolor ink', 'watercolour ink', 'watercolor paint', 'watercolour paint', 'watercolor in water', 'watercolour in water', 'paint in water', 'paint spreading in water', 'paint drops in water', 'paint drop in water', 'dye in water', 'food coloring in water', 'food colouring in water'], effect: { archetype: A('abstract', 4), subject: 'ink', excludes: 'ink' } },
  { words: ['smoke', 'smoke wisps', 'wisps of smoke', 'wispy smoke', 'drifting smoke', 'incense smoke', 'smoke overlay', 'smoke background', 'coloured smoke', 'colored smoke', 'smoke plume', 'plumes of smoke'], effect: { archetype: A('abstract', 3), subject: 'smoke', excludes: 'smoke' } },
  // Rain on a window: a close-up of the pane, the world behind it a blur of lights. It outvotes the city or
  // garden named behind the glass (they become the blur).
  { words: ['window with water drops', 'window with water droplets', 'window with droplets', 'window with raindrops', 'water drops on a window', 'water drops on the window', 'water drops on glass', 'water droplets on a window', 'droplets on a window', 'drops on a window', 'glass with water drops', 'rain on a window', 'rain on the window', 'rain on window', 'rain on windows', 'rain on glass', 'rain on the glass', 'rainy window', 'window rain', 'wet window', 'raindrops on a window', 'raindrops on the window', 'raindrops on glass', 'rain drops on a window', 'rain drops on glass', 'droplets on glass', 'water droplets on glass', 'drops on glass', 'window with rain', 'rain against the window', 'rain against a window', 'rain running down a window', 'rainy window', 'rainy day through a window', 'rain through a window', 'through a rainy window', 'looking out a rainy window', 'rain outside the window', 'window on a rainy day', 'raindrops on window', 'rain drops on window', 'rain on windshield', 'rain on a windshield', 'rain on the windshield'], effect: { archetype: A('abstract', 6), subject: 'raindrops', condition: 'rain', excludes: 'raindrops' } },
  { words: ['fireflies', 'firefly', 'lightning bugs', 'lightning bug', 'glow worms', 'glowworms', 'fireflies at night'], effect: { archetype: A('nature', 3), particles: 'fireflies', excludes: 'fireflies' } },
  { words: ['bubbles', 'bubble', 'soap bubbles', 'soap bubble', 'floating bubbles', 'iridescent bubbles'], effect: { archetype: A('abstract', 2), particles: 'bubbles', excludes: 'bubbles' } },
  { words: ['snowflakes close up', 'snowflake close up', 'snowflakes falling close up', 'snowflakes falling on black', 'snowflakes falling on a black background', 'snowflake falling', 'snowflake', 'snowflakes on black', 'snowflakes on a black background', 'snowflake macro', 'snowflakes macro', 'crystal snowflakes', 'ice crystals', 'snowflake background', 'snowflakes background', 'falling snowflakes background'], effect: { archetype: A('abstract', 5), particles: 'snow', palette: 'winter', excludes: 'snow' } },
  { words: ['money falling', 'falling money', 'money rain', 'raining money', 'money raining', 'dollar bills', 'dollar bill', 'dollars', 'banknotes', 'bank notes', 'banknote', 'cash falling', 'cash', 'money', 'bills falling', 'falling bills', 'euro notes', 'paper money', 'hundred dollar bills'], effect: { archetype: A('abstract', 3), particles: 'money', excludes: 'money' } },
  { words: ['confetti', 'ticker tape', 'confetti rain', 'confetti shower', 'paper confetti'], effect: { archetype: A('abstract', 2), particles: 'confetti', excludes: 'confetti' } },
  { words: ['cherry blossom', 'cherry blossoms', 'blossom', 'blossoms', 'sakura', 'cherry trees', 'cherry tree', 'blossoming trees', 'trees in bloom', 'spring blossom'], effect: { archetype: A('nature', 2), particles: 'petals', setting: 'meadow', palette: 'blossom', excludes: 'petals' } },
  { words: ['autumn', 'fall foliage', 'autumnal'], effect: { archetype: A('nature', 1), particles: 'leaves', palette: 'autumn' } },
  { words: ['winter', 'wintry', 'frozen', 'icy'], effect: { condition: 'snow', palette: 'winter' } },
  { words: ['frozen lake', 'frozen lakes', 'frozen pond', 'icy lake', 'ice covered lake', 'ice-covered lake', 'lake ice', 'frozen over', 'black ice', 'ice sheet', 'frozen water'], effect: { archetype: A('nature', 4), setting: 'lake', subject: 'ice', palette: 'winter', excludes: 'ice' } },
  { words: ['spring', 'springtime', 'summer', 'lush'], effect: { palette: 'lush' } },

  // ---------------------------------------------------------------- urban
  { words: ['city', 'cities', 'skyline', 'city skyline', 'downtown', 'skyscrapers', 'skyscraper', 'metropolis', 'urban', 'cityscape', 'buildings', 'building', 'towers', 'high rises', 'high-rises', 'rooftop', 'rooftops', 'rooftop view', 'roof top', 'city rooftop', 'city rooftops'], effect: { archetype: A('urban', 3), setting: 'city', subject: 'buildings', excludes: 'buildings' } },
  { words: ['street', 'streets', 'city street', 'city streets', 'urban street', 'downtown street', 'avenue', 'boulevard', 'intersection', 'alley', 'traffic', 'pavement', 'pavements', 'sidewalk', 'sidewalks', 'asphalt', 'crosswalk', 'zebra crossing', 'parking lot', 'parking lots', 'car park', 'car parks', 'parking garage', 'gas station', 'gas stations', 'petrol station', 'filling station', 'diner', 'roadside diner', 'motel', 'roadside motel'], effect: { archetype: A('urban', 3), setting: 'street', subject: 'cars', excludes: 'cars' } },
  // A road alone is a street; with a landscape named ("highway through the desert") the planner makes it
  // a road through that landscape (subject 'road'). Phrases that name their landscape say so themselves.
  { words: ['road', 'roads', 'highway', 'highways', 'freeway', 'motorway', 'winding road', 'open road', 'road trip', 'scenic road', 'scenic drive', 'lonely road', 'long road'], effect: { archetype: A('urban', 3), setting: 'street', subject: 'road', excludes: 'road' } },
  { words: ['mountain road', 'mountain roads', 'mountain pass', 'alpine road', 'mountain highway'], effect: { archetype: A('nature', 3), setting: 'mountains', subject: 'road', excludes: 'road' } },
  { words: ['desert road', 'desert highway', 'route 66'], effect: { archetype: A('nature', 3), setting: 'desert', subject: 'road', excludes: 'road' } },
  { words: ['country road', 'country roads', 'country lane', 'dirt road', 'gravel road', 'farm road', 'rural road', 'back road', 'back roads'], effect: { archetype: A('nature', 3), setting: 'meadow', subject: 'road', excludes: 'road' } },
  { words: ['forest road', 'road through the forest', 'woodland road'], effect: { archetype: A('nature', 3), setting: 'forest', subject: 'road', excludes: 'road' } },
  { words: ['town', 'towns', 'small town', 'village', 'main street', 'neighborhood', 'neighbourhood', 'suburb', 'suburbs', 'suburban', 'suburbia', 'residential', 'residential street', 'residential area', 'quiet street', 'quiet town'], effect: { archetype: A('urban', 3), setting: 'town' } },
  { words: ['cars', 'car', 'vehicles', 'vehicle', 'headlights', 'taillights', 'sports car', 'sports cars', 'sedan', 'suv', 'driving', 'drives', 'road trip car'], effect: { archetype: A('urban', 2), subject: 'cars', excludes: 'cars' } },
  // Neon signs hang off the facades of a street at night ("neon" alone is a palette: neon backgrounds).
  { words: ['neon sign', 'neon signs', 'neon signage', 'neon lit', 'neon-lit', 'neon street', 'neon streets', 'neon city', 'neon alley', 'neon lit street', 'neon-lit street', 'neon lit city', 'neon-lit city', 'neon signs in the rain', 'neon reflections', 'neon reflection', 'neon reflected'], effect: { archetype: A('urban', 4), setting: 'street', subject: 'neon-signs', palette: 'neon', excludes: 'neon' } },
  // Neon lights: the signs in a street, or a neon glow when a background is asked for.
  { words: ['neon lights', 'neon light', 'neon glow'], effect: { archetype: { urban: 2, abstract: 2 }, subject: 'neon-signs', palette: 'neon', excludes: 'neon' } },
  // An empty street: no traffic (a street or a road otherwise always has it).
  { words: ['empty', 'deserted', 'abandoned', 'vacant', 'traffic free', 'traffic-free', 'car free', 'car-free', 'quiet street', 'quiet streets'], effect: { clears: 'cars' } },
  { words: ['street lights', 'streetlights', 'street lamps', 'lamps', 'lamp posts', 'streetlamps', 'city lights', 'lights'], effect: { archetype: A('urban', 2), subject: 'street-lights', excludes: 'lights' } },
  { words: ['light trails', 'long exposure', 'trails'], effect: { archetype: A('urban', 3), subject: 'light-trails', excludes: 'light-trails' } },

  // ---------------------------------------------------------------- outer space
  // Space among the stars, seen from within it: clouds of glowing gas and dust, stars near and far.
  { words: ['space', 'outer space', 'deep space', 'dark space', 'cosmos', 'cosmic', 'universe', 'interstellar', 'space background', 'flying through space', 'through space', 'space travel', 'stars flythrough', 'star flythrough'], effect: { archetype: A('abstract', 4), setting: 'space' } },
  { words: ['nebula', 'nebulae', 'nebulas', 'space nebula', 'gas cloud', 'gas clouds', 'stellar nursery'], effect: { archetype: A('abstract', 4), setting: 'space', subject: 'nebula', excludes: 'nebula' } },
  // A planet turning in the sun, seen from orbit. Outvotes a desk globe ("rotating earth globe").
  { words: ['black hole', 'black holes', 'supermassive black hole', 'accretion disk', 'accretion disc', 'event horizon', 'singularity', 'gargantua'], effect: { archetype: A('abstract', 7), setting: 'space', subject: 'black-hole', excludes: 'black hole' } },
  // A spiral galaxy seen from outside (a galaxy named alone, or the milky way, is the night sky from the ground).
  { words: ['spiral galaxy', 'spiral galaxies', 'a spiral galaxy', 'andromeda', 'andromeda galaxy', 'galaxy in space', 'galaxy rotating', 'rotating galaxy', 'spinning galaxy', 'galaxy spinning', 'galaxy from space', 'deep space galaxy', 'distant galaxy', 'galaxy far away', 'whirlpool galaxy', 'swirling galaxy', 'galaxy swirling', 'galaxy of particles', 'particle galaxy', 'galaxy of stars', 'turning galaxy'], effect: { archetype: A('abstract', 7), setting: 'space', subject: 'galaxy', excludes: 'galaxy' } },
  { words: ['asteroid', 'asteroids', 'asteroid field', 'asteroid belt', 'space rocks', 'meteoroids', 'asteroids floating'], effect: { archetype: A('abstract', 6), setting: 'space', subject: 'asteroids', excludes: 'asteroids' } },
  // A total solar eclipse ("a solar eclipse with the corona" drew a bare gradient). A lunar eclipse is not drawn.
  { words: ['solar eclipse', 'total solar eclipse', 'total eclipse', 'eclipse', 'eclipse of the sun', 'solar corona', 'eclipse corona', "the sun's corona", 'the corona', 'its corona', 'with corona', 'diamond ring effect', 'totality', 'eclipse totality', 'sun eclipse'], effect: { archetype: A('abstract', 7), setting: 'space', subject: 'eclipse', excludes: 'eclipse' } },
  { words: ['lunar eclipse', 'blood moon', 'eclipse of the moon', 'annular eclipse', 'ring of fire eclipse'], effect: { excludes: 'eclipse', unrenderable: true } },
  // The solar system ("a solar system" drew a bare gradient): the orrery. Listed before the planets so
  // that "planets orbiting the sun" is this, not the earth.
  { words: ['solar system', 'the solar system', 'our solar system', 'solar systems', 'orrery', 'planets orbiting the sun', 'planets orbiting', 'planets orbit the sun', 'planets going around the sun', 'planets around the sun', 'planets revolving around the sun', 'planets circling the sun', 'eight planets', 'the eight planets', 'planets of the solar system', 'planetary orbits', 'orbits of the planets', 'solar system model', 'model of the solar system'], effect: { archetype: A('abstract', 8), setting: 'space', subject: 'solar-system', excludes: 'solar system' } },
  // The pyramids of Giza ("a pyramid in the desert" was the dunes alone).
  { words: ['pyramid', 'pyramids', 'the pyramids', 'pyramids of giza', 'giza', 'giza pyramids', 'great pyramid', 'the great pyramid', 'great pyramid of giza', 'egyptian pyramids', 'ancient pyramids', 'pyramids in the desert', 'egypt', 'ancient egypt'], effect: { archetype: A('nature', 4), setting: 'desert', subject: 'pyramids', excludes: 'pyramids' } },
  // Saturn in its rings ("saturn with its rings" was a tunnel of glowing rings).
  { words: ['saturn', "saturn's rings", 'saturns rings', 'rings of saturn', 'saturn with its rings', 'ringed planet', 'planet with rings', 'gas giant', 'gas giant with rings'], effect: { archetype: A('abstract', 7), setting: 'space', subject: 'planet', color: '#d6bb86', excludes: 'planet' } },
  { words: ['planet', 'planets', 'earth', 'the earth', 'planet earth', 'earth from space', 'earth globe', 'rotating earth', 'spinning earth', 'spinning globe', 'rotating globe', 'turning globe', 'globe spinning', 'globe rotating', 'world globe', 'digital globe', 'glowing globe', 'rotating world', 'spinning world', 'world from space', 'exoplanet', 'alien planet', 'from orbit', 'orbital view'], effect: { archetype: A('abstract', 6), setting: 'space', subject: 'planet', excludes: 'planet' } },

  // ---------------------------------------------------------------- abstract
  { words: ['background', 'backdrop'], effect: { archetype: A('abstract', 1) } },
  // "in the dark" is night outdoors and a dark field or room otherwise.
  { words: ['in the dark', 'in darkness', 'darkness', 'pitch black', 'dark void', 'black void', 'void'], effect: { timeOfDay: 'night', background: '#0b0c0f' } },
  // "on a dark background" asks for a dark field, not for night.
  { words: ['dark background', 'dark backdrop', 'black background', 'black backdrop', 'on black'], effect: { archetype: A('abstract', 2), background: '#141416' } },
  // An overlay is delivered on black for a screen or add blend ("snow overlay" was a snowy pine forest).
  { words: ['overlay', 'overlays', 'for compositing', 'compositing element', 'on black for compositing', 'transparent background', 'alpha channel', 'screen blend', 'vfx element'], effect: { archetype: A('abstract', 2), background: '#141416' } },
  // A white field is white (high key): as a colour word it built a palette round white, mottled with dark greys.
  { words: ['white background', 'white backdrop', 'on white', 'light background', 'bright background', 'plain white background', 'clean white background', 'high key'], effect: { archetype: A('abstract', 2), background: '#f5f3ef', palette: 'white' } },
  { words: ['abstract', 'motion background', 'loop', 'loopable', 'seamless', 'motion graphics', 'mograph', 'screensaver', 'wallpaper'], effect: { archetype: A('abstract', 3) } },
  { words: ['gradient', 'gradients', 'colour wash', 'color wash', 'aurora'], effect: { archetype: A('abstract', 3), subject: 'gradient' } },
  { words: ['particles', 'particle', 'particle field', 'dust', 'motes', 'glitter', 'specks'], effect: { archetype: A('abstract', 1), particles: 'dust', excludes: 'particles' } },
  { words: ['christmas lights', 'christmas tree lights', 'xmas lights', 'holiday lights', 'festive lights', 'christmas bokeh', 'christmas lights bokeh'], effect: { archetype: A('abstract', 3), particles: 'bokeh', palette: 'festive', excludes: 'bokeh' } },
  { words: ['bokeh lights', 'bokeh light', 'bokeh', 'defocused lights', 'fairy lights', 'out of focus lights'], effect: { archetype: A('abstract', 2), particles: 'bokeh', excludes: 'bokeh' } },
  { words: ['geometric', 'geometry', 'shapes', 'polygons', 'spheres', 'cubes floating', 'low poly', 'primitives'], effect: { archetype: A('abstract', 3), subject: 'shapes' } },
  { words: ['rings', 'ring', 'circles', 'torus', 'tunnel', 'loops'], effect: { archetype: A('abstract', 3), subject: 'rings' } },
  { words: ['molecule', 'molecules', 'molecular', 'molecular structure', 'molecular structures', 'chemistry', 'chemical structure', 'chemical compounds', 'atoms and molecules', 'molecules floating', 'ball and stick'], effect: { archetype: A('abstract', 5), subject: 'molecules', excludes: 'molecules' } },
  { words: ['atom', 'atoms', 'atomic', 'atomic model', 'atom model', 'bohr model', 'electrons orbiting', 'electron orbits', 'electrons', 'atomic structure', 'nucleus'], effect: { archetype: A('abstract', 5), subject: 'atom', excludes: 'atom' } },
  { words: ['blood cells', 'red blood cells', 'blood cell', 'red blood cell', 'blood stream', 'bloodstream', 'blood flow', 'blood flowing', 'blood vessel', 'blood vessels', 'artery', 'arteries', 'vein', 'veins', 'capillaries', 'erythrocytes', 'hemoglobin', 'haemoglobin'], effect: { archetype: A('abstract', 6), subject: 'blood-cells', excludes: 'blood' } },
  { words: ['christmas tree', 'a christmas tree', 'decorated christmas tree', 'decorated tree', 'xmas tree', 'christmas tree with lights', 'lit christmas tree', 'christmas tree lights twinkling', 'holiday tree'], effect: { archetype: A('abstract', 6), subject: 'christmas-tree', palette: 'festive', excludes: 'christmas tree' } },
  { words: ['kaleidoscope', 'kaleidoscopic', 'kaleidoscope pattern', 'mandala', 'mandala pattern', 'symmetrical pattern', 'mirrored pattern'], effect: { archetype: A('abstract', 5), subject: 'kaleidoscope', excludes: 'kaleidoscope' } },
  { words: ['glitch', 'glitches', 'glitch effect', 'glitchy', 'digital glitch', 'glitch background', 'datamosh', 'data moshing', 'digital distortion', 'vhs glitch', 'signal distortion', 'corrupted'], effect: { archetype: A('abstract', 5), subject: 'glitch', excludes: 'glitch' } },
  { words: ['light leak', 'light leaks', 'light leaks overlay', 'light leak overlay', 'film light leaks', 'film leaks', 'film burn', 'film burns', 'leak overlay', 'light leaks transition'], effect: { archetype: A('abstract', 6), subject: 'light-leaks', excludes: 'leaks' } },
  { words: ['lens flare', 'lens flares', 'anamorphic flare', 'anamorphic lens flare', 'anamorphic flares', 'sun flare', 'light flare', 'flare', 'flares', 'lens flare overlay'], effect: { archetype: A('abstract', 2), subject: 'lens-flare', faceSun: true, excludes: 'flare' } },
  { words: ['bar chart', 'bar charts', 'bar graph', 'bar graphs', 'bars growing', 'bars rising', 'column chart', 'histogram'], effect: { archetype: A('abstract', 5), subject: 'bar-chart', excludes: 'chart' } },
  { words: ['line chart', 'line charts', 'line graph', 'line graphs', 'stock market', 'stock chart', 'stock charts', 'stock market graph', 'stocks', 'stock graph', 'trading chart', 'financial chart', 'graph going up', 'chart going up', 'rising graph', 'growth graph', 'graph', 'graphs'], effect: { archetype: A('abstract', 5), subject: 'line-chart', excludes: 'chart' } },
  // (A chart with no kind named is both: bars rising and a line drawing over them; see the planner.)
  { words: ['chart', 'charts', 'data visualization', 'data visualisation', 'data viz', 'infographic', 'infographics', 'analytics', 'statistics', 'business growth', 'growth chart', 'data charts', 'charts growing', 'business charts', 'financial data', 'finance'], effect: { archetype: A('abstract', 5), subject: 'bar-chart', excludes: 'chart' } },
  { words: ['gears', 'gear', 'cogs', 'cog', 'cogwheels', 'cogwheel', 'gearwheels', 'clockwork', 'gears turning', 'turning gears', 'spinning gears', 'rotating gears', 'gear mechanism', 'mechanism', 'machinery', 'gearbox'], effect: { archetype: A('abstract', 5), subject: 'gears', excludes: 'gears' } },
  { words: ['sparkler', 'sparklers', 'burning sparkler', 'sparkler sparks', 'bengal light', 'bengal lights', 'wedding sparklers', 'sparkler send off'], effect: { archetype: A('abstract', 5), subject: 'sparklers', palette: 'gold', excludes: 'sparklers' } },
  { words: ['hexagon', 'hexagons', 'hexagonal', 'hexagon pattern', 'hexagonal pattern', 'hex grid', 'hex pattern', 'hexagon grid', 'honeycomb', 'honeycomb pattern', 'hex tech', 'hexagon background'], effect: { archetype: A('abstract', 4), subject: 'hexagons', excludes: 'hexagons' } },
  { words: ['grid', 'grids', 'lattice', 'matrix', 'tiles'], effect: { archetype: A('abstract', 3), subject: 'grid' } },
  { words: ['ribbons', 'ribbon', 'waves of light', 'silk', 'flowing lines', 'lines', 'strands'], effect: { archetype: A('abstract', 3), subject: 'ribbons' } },
  { words: ['flowing', 'fluid', 'liquid', 'flow', 'wavy', 'undulating'], effect: { archetype: A('abstract', 1), subject: 'ribbons' } },

  // ---------------------------------------------------------------- product
  { words: ['product', 'product shot', 'packshot', 'pack shot', 'hero shot', 'commercial', 'advert', 'ad'], effect: { archetype: A('product', 3) } },
  // A product on a stand; the object itself may be one we do not model (reported as ignored).
  { words: ['pedestal', 'on a pedestal', 'plinth', 'podium', 'display stand', 'product stand', 'showcase'], effect: { archetype: A('product', 3), setting: 'studio' } },
  { words: ['studio', 'studio sweep', 'sweep', 'cyclorama', 'cyc', 'infinity cove', 'seamless backdrop', 'tabletop'], effect: { archetype: A('product', 3), setting: 'studio' } },
  { words: ['turntable', 'rotating', 'spinning', 'revolving', 'turning'], effect: { archetype: A('product', 2), camera: 'orbit' } },
  { words: ['softbox', 'soft box', 'soft light', 'soft lighting', 'key light', 'rim light', 'three point lighting'], effect: { archetype: A('product', 2) } },
  { words: ['bottle', 'bottles', 'perfume', 'perfume bottle', 'wine bottle', 'flask', 'bottle of wine', 'bottle of red wine', 'bottle of champagne', 'champagne bottle', 'bottle of whiskey', 'bottle of whisky', 'whiskey bottle', 'whisky bottle', 'bottle of water', 'water bottle'], effect: { archetype: A('product', 4), subject: 'bottle' } },
  { words: ['can', 'soda can', 'tin', 'drink can', 'beer can', 'can of soda', 'a can of soda', 'can of beer', 'can of cola', 'cola can', 'soda', 'energy drink', 'energy drink can'], effect: { archetype: A('product', 4), subject: 'can' } },
  // Drops standing on a product are condensation, which is not drawn ("a can of soda with water drops" was
  // 36 glass beads falling into a pool).
  { words: ['with water drops', 'with water droplets', 'covered in water drops', 'water drops on it', 'condensation', 'with condensation', 'condensation drops', 'dew drops on'], effect: { excludes: 'condensation', unrenderable: true } },
  { words: ['phone', 'smartphone', 'mobile', 'device', 'tablet', 'gadget', 'cell phone', 'cell phones', 'cellphone', 'cellphones', 'mobile phone', 'mobile phones'], effect: { archetype: A('product', 4), subject: 'phone' } },
  { words: ['box', 'package', 'packaging', 'gift box', 'parcel', 'carton'], effect: { archetype: A('product', 3), subject: 'box' } },
  { words: ['mug', 'cup', 'coffee cup', 'coffee mug', 'teacup', 'coffee', 'tea', 'espresso', 'latte', 'cappuccino', 'hot chocolate', 'cocoa'], effect: { archetype: A('product', 4), subject: 'mug' } },
  // Steam rises from the product (a mug when none is named).
  { words: ['steam', 'steaming', 'steamy', 'vapour', 'vapor', 'hot coffee', 'hot tea', 'hot drink', 'freshly brewed'], effect: { archetype: A('product', 2), subject: 'steam', excludes: 'steam' } },
  // Steam rising from the street ("a dark alley with steam" reported the steam ignored).
  { words: ['manhole', 'manholes', 'manhole steam', 'steam from a manhole', 'steam from manholes', 'steaming manhole', 'steaming manholes', 'steam vent', 'steam vents', 'sewer steam', 'steam rising from the street', 'steam from the street', 'street steam'], effect: { archetype: A('urban', 4), setting: 'street', subject: 'steam', excludes: 'steam' } },
  { words: ['watch', 'wristwatch', 'timepiece', 'smartwatch', 'smart watch', 'watches'], effect: { archetype: A('product', 4), subject: 'watch' } },
  // A clock is the alarm clock on the table, its second hand ticking (it was the wristwatch on a stand,
  // hands still).
  { words: ['clock', 'clocks', 'alarm clock', 'alarm clocks', 'clock ticking', 'ticking clock', 'ticking', 'tick tock', 'table clock', 'desk clock', 'analog clock', 'analogue clock'], effect: { archetype: A('product', 4), subject: 'clock' } },
  { words: ['vase', 'jar', 'pot', 'urn'], effect: { archetype: A('product', 4), subject: 'vase' } },
  // A Newton's cradle, its balls clicking ("newton's cradle swinging" drew a bare gradient).
  { words: ["newton's cradle", 'newtons cradle', 'newton cradle', "newton's cradles", 'newtons cradles', "newton's balls", 'newton balls', "newton's cradle swinging", 'newtons cradle swinging', "newton's cradle clicking", "newton's cradle in motion", 'ball clicker', 'executive ball clicker', 'executive toy', 'clicking balls', 'pendulum balls', 'swinging balls', 'balance balls'], effect: { archetype: A('product', 7), subject: 'cradle' } },
  // A stock ticker ("a stock ticker board" drew a bare gradient); "stock market" alone stays the chart.
  { words: ['ticker', 'tickers', 'stock ticker', 'stock tickers', 'stock ticker board', 'ticker board', 'stock ticker tape', 'market ticker', 'stock market ticker', 'financial ticker', 'crypto ticker', 'stock prices scrolling', 'scrolling stock prices', 'stock quotes', 'share prices', 'stock prices', 'stock board', 'stock exchange board', 'trading board'], effect: { archetype: A('text', 6), textMode: 'ticker' } },
  // Code on a screen ("a computer screen with code" was a bare gradient). "Matrix code" stays the rain.
  { words: ['code', 'coding', 'programming', 'source code', 'lines of code', 'code editor', 'code on screen', 'code on a screen', 'code on the screen', 'code on a computer screen', 'computer screen with code', 'screen with code', 'code typing', 'typing code', 'writing code', 'code scrolling', 'scrolling code', 'lines of code scrolling', 'source code scrolling', 'code typing on screen', 'programmer', 'programmer typing', 'developer', 'software developer', 'software development', 'web development', 'javascript', 'typescript', 'javascript code', 'typescript code', 'html code', 'script'], effect: { archetype: A('text', 7), textMode: 'code' } },
  { words: ['python', 'python code', 'python script', 'python programming', 'python code scrolling', 'python code typing'], effect: { archetype: A('text', 7), textMode: 'code', codeLanguage: 'python' } },
  // A chess set ("a chess board with pieces" drew a bare gradient).
  { words: ['chess', 'chess board', 'chessboard', 'chess boards', 'chess pieces', 'chess piece', 'chess set', 'chess game', 'game of chess', 'playing chess', 'chess match', 'checkmate', 'chess strategy', 'chess pieces on a board', 'chess board with pieces'], effect: { archetype: A('product', 6), subject: 'chess' } },
  // A birthday cake ("birthday cake with candles" was a pillar candle, the cake ignored).
  { words: ['cake', 'cakes', 'birthday cake', 'birthday cakes', 'cake with candles', 'birthday cake with candles', 'birthday candles', 'candles on a cake', 'candles on a birthday cake', 'birthday cake candles', 'layer cake', 'celebration cake', 'happy birthday cake'], effect: { archetype: A('product', 6), subject: 'cake' } },
  // Pendulums ("a pendulum swinging" drew a bare gradient): one, or a pendulum wave.
  { words: ['pendulum', 'pendulums', 'swinging pendulum', 'pendulum swinging', 'pendulums swinging', 'simple pendulum', 'hypnotic pendulum', 'brass pendulum', 'pendulum wave', 'pendulum waves', 'pendulum wave machine', 'pendulum wave demonstration', 'pendulum snake', 'pendulum clock', 'grandfather clock', 'pendulum clock ticking', 'grandfather clock ticking', 'pendulum dance', 'wave of pendulums', 'row of pendulums'], effect: { archetype: A('product', 7), subject: 'pendulum' } },
  // A record turning on a turntable ("close up of a spinning vinyl record" was a soda can). "Turntable"
  // alone is the product shot's rotating display, so only a record player's names are here.
  { words: ['vinyl', 'vinyl record', 'vinyl records', 'vinyl disc', 'record player', 'record players', 'vinyl player', 'vinyl turntable', 'dj turntable', 'dj turntables', 'turntable with a record', 'turntable playing', 'turntable playing a record', 'record on a turntable', 'spinning record', 'record spinning', 'spinning vinyl', 'vinyl spinning', 'spinning vinyl record', 'vinyl record spinning', 'spinning vinyl records', 'lp record', 'lp', 'album on a turntable', 'needle on a record', 'needle on vinyl', 'stylus on vinyl', 'needle drop', 'record playing', 'records playing'], effect: { archetype: A('product', 7), subject: 'record' } },
  // An empty podium to composite a product onto ("empty podium for product display" was a soda can on
  // the sweep). "Podium" alone is the studio setting: a product named stands there.
  { words: ['empty podium', 'empty pedestal', 'empty plinth', 'blank podium', 'podium mockup', 'podium mock up', 'product podium', 'display podium', 'podium background', 'podium display', 'product display', 'product display stage', 'product stage', 'podium for product display', 'podium for a product', 'stage for a product', 'cylinder podium', 'round podium', 'stepped podium'], effect: { archetype: A('product', 4), subject: 'podium' } },
  // A koi pond from above ("a koi pond with fish swimming" was a lake among pines, the fish ignored).
  { words: ['koi', 'koi pond', 'koi ponds', 'koi fish', 'koi carp', 'koi swimming', 'koi fish swimming', 'swimming koi', 'koi pond from above', 'carp pond', 'goldfish pond', 'fish pond', 'garden pond', 'japanese pond', 'japanese garden pond', 'koi in a pond', 'pond with koi', 'pond with fish', 'fish in a pond', 'goldfish in a pond'], effect: { archetype: A('nature', 6), setting: 'pond', subject: 'koi', excludes: 'koi' } },
  // A swimming pool from above: tiles under clear water, caustics ("a swimming pool with sunlight caustics"
  // was balls splashing into a tank).
  { words: ['swimming pool', 'swimming pools', 'pool water', 'pool from above', 'swimming pool from above', 'pool caustics', 'water caustics', 'caustics', 'pool water caustics', 'pool water background', 'sparkling pool', 'pool ripples', 'pool surface', 'clear pool water', 'turquoise pool', 'blue pool water', 'empty swimming pool', 'outdoor pool', 'hotel pool', 'lap pool'], effect: { archetype: A('nature', 6), setting: 'pool', excludes: 'pool' } },
  { words: ['lily pads', 'lily pad', 'lilypads', 'lilypad', 'water lilies', 'water lily', 'lily pond', 'lotus pond', 'lotus leaves', 'pond lilies'], effect: { archetype: A('nature', 4), setting: 'pond', subject: 'lily-pads', excludes: 'lily pads' } },
  // A metronome swinging ("a metronome ticking on a piano" was the alarm clock): "120 bpm" sets its tempo.
  { words: ['metronome', 'metronomes', 'metronome ticking', 'ticking metronome', 'metronome swinging', 'swinging metronome'], effect: { archetype: A('product', 7), subject: 'metronome' } },
  // A tempo's unit: the number before it is the metronome's tempo; with no metronome it means nothing.
  { words: ['bpm', 'beats per minute', 'beats a minute'], effect: { excludes: 'tempo' } },
  // A Rubik's cube being solved ("a rubik's cube rotating" was a soda can).
  { words: ["rubik's cube", 'rubiks cube', 'rubik cube', "rubik's cubes", 'rubiks cubes', 'magic cube', 'puzzle cube', 'speed cube', 'speedcube', 'cube puzzle', "rubik's cube being solved", "solving a rubik's cube", 'solving a rubiks cube', "solved rubik's cube", 'speedcubing'], effect: { archetype: A('product', 7), subject: 'rubiks-cube' } },
  // An hourglass with its sand running, not a desert ("sand" alone is the dunes).
  { words: ['hourglass', 'hour glass', 'hourglasses', 'sand timer', 'sandglass', 'sand glass', 'egg timer', 'sand clock', 'sand running out'], effect: { archetype: A('product', 6), subject: 'hourglass' } },
  // A lit candle: the flame is its light (a low-key shot), so "candle flame" and "candlelight" are candles too.
  { words: ['pumpkin', 'pumpkins', 'jack o lantern', "jack o'lantern", 'jack o lanterns', "jack o'lanterns", 'jack-o-lantern', 'carved pumpkin', 'carved pumpkins', 'halloween pumpkin', 'halloween pumpkins', 'glowing pumpkins', 'halloween'], effect: { archetype: A('product', 6), subject: 'pumpkin', excludes: 'pumpkin' } },
  { words: ['candle', 'candles', 'candle flame', 'candlelight', 'candle light', 'candlelit', 'pillar candle', 'tea light', 'tealight', 'votive', 'candlestick'], effect: { archetype: A('product', 4), subject: 'candle' } },
  // "a glass of ..." is the vessel, not the material.
  { words: ['glass of', 'tumbler', 'rocks glass', 'whiskey', 'whisky', 'bourbon', 'scotch', 'cocktail', 'old fashioned', 'drink', 'glass of whiskey', 'glass of whisky'], effect: { archetype: A('product', 4), subject: 'tumbler' } },
  // Beer ("pouring beer into a glass" was 36 glass cubes falling): the drink in its glass, beer-gold.
  { words: ['beer', 'beers', 'glass of beer', 'pint', 'pint of beer', 'a pint', 'lager', 'ale', 'craft beer', 'cold beer', 'beer glass', 'draft beer', 'draught beer'], effect: { archetype: A('product', 6), subject: 'tumbler', color: '#e0a11c' } },
  { words: ['wine glass', 'wine glasses', 'glass of wine', 'wine', 'red wine', 'goblet', 'glass of red wine'], effect: { archetype: A('product', 4), subject: 'wine-glass' } },
  // Champagne is a pale gold wine in the same glass ("champagne glasses clinking" drew a bare gradient).
  { words: ['champagne', 'champagne glass', 'champagne glasses', 'champagne flute', 'champagne flutes', 'glass of champagne', 'flute of champagne', 'prosecco', 'sparkling wine', 'white wine', 'glass of white wine'], effect: { archetype: A('product', 4), subject: 'wine-glass', color: '#e6c56b' } },
  { words: ['orb', 'sphere', 'globe', 'ball on a pedestal', 'pearl'], effect: { archetype: A('product', 3), subject: 'orb' } },

  // ---------------------------------------------------------------- text
  { words: ['title', 'title card', 'titles', 'heading', 'opener', 'intro', 'text', 'caption', 'words', 'typography', 'headline', 'logo reveal', 'end card', 'end screen', 'outro', 'chapter title', 'chapter card', 'title sequence', 'opening credits', 'opening titles', 'opening title'], effect: { archetype: A('text', 2), textMode: 'title', excludes: 'text' } },
  // A loading indicator ("a loading bar progressing" drew a bare gradient).
  { words: ['loading circle', 'progress circle', 'progress ring', 'loading ring', 'loading spinner', 'loading animation', 'spinning loader', 'loader', 'loading screen', 'loading icon', 'buffering', 'buffering circle', 'percentage counter', 'percent counter', 'loading percentage', 'progress indicator', 'circular progress', 'radial progress', 'progress circle filling'], effect: { archetype: A('text', 5), textMode: 'progress', indicator: 'ring', excludes: 'text' } },
  { words: ['loading bar', 'progress bar', 'loading bar progressing', 'progress bar filling', 'download progress', 'upload progress', 'download bar', 'upload bar', 'installation progress', 'install progress'], effect: { archetype: A('text', 5), textMode: 'progress', indicator: 'bar', excludes: 'text' } },
  { words: ['countdown', 'count down', 'countdown timer', 'countdown clock', 'countdown leader', 'film leader', 'film countdown', 'countdown numbers', 'count down timer', 'timer countdown'], effect: { archetype: A('text', 4), textMode: 'countdown', excludes: 'text' } },
  // Typed a key at a time ("typewriter typing 'Chapter One'"); "typing" alone is someone at a keyboard.
  { words: ['typewriter', 'typewriter text', 'typewriter effect', 'typewriter typing', 'typewriter animation', 'typewriter style', 'typewriter font', 'typing effect', 'typing animation', 'typing text', 'text typing', 'typed text', 'typed out', 'being typed', 'text being typed', 'typed on a typewriter', 'typewritten'], effect: { archetype: A('text', 3), textMode: 'title', textReveal: 'typewriter', excludes: 'text' } },
  { words: ['circuit board', 'circuit boards', 'circuit', 'circuits', 'circuitry', 'pcb', 'printed circuit board', 'motherboard', 'mainboard', 'microchip', 'microchips', 'computer chip', 'computer chips', 'cpu', 'processor', 'electronic circuit', 'electronic circuits', 'electronics', 'circuit traces', 'glowing circuit', 'glowing circuits', 'circuit pattern', 'circuit board background', 'data flowing through circuits', 'semiconductor', 'silicon chip'], effect: { archetype: A('abstract', 6), subject: 'circuit', excludes: 'circuit' } },
  { words: ['hud', 'huds', 'hud elements', 'hud interface', 'heads up display', 'heads-up display', 'head up display', 'head-up display', 'sci fi hud', 'futuristic hud', 'futuristic interface', 'futuristic ui', 'sci fi interface', 'sci fi ui', 'hologram interface', 'holographic interface', 'holographic display', 'hologram display', 'hologram', 'holograms', 'holographic', 'tech interface', 'user interface', 'ui elements', 'interface elements', 'radar', 'radar screen', 'radar sweep', 'targeting display', 'targeting system', 'iron man hud', 'sci fi hud elements', 'futuristic hud elements', 'futuristic ui elements', 'cockpit display', 'dashboard interface', 'data interface', 'futuristic display'], effect: { archetype: A('abstract', 6), subject: 'hud', excludes: 'hud' } },
  // Coloured powder thrown into the air ("holi color powder explosion" was an empty gradient).
  { words: ['holi', 'holi powder', 'holi festival', 'holi colors', 'holi colours', 'color powder', 'colour powder', 'colored powder', 'coloured powder', 'powder explosion', 'color powder explosion', 'colour powder explosion', 'holi color powder explosion', 'powder burst', 'paint powder', 'colour run', 'color run', 'smoke bomb explosion', 'colored smoke bomb', 'coloured smoke bomb', 'colorful smoke bomb', 'colourful smoke bomb', 'colorful smoke bomb explosion', 'dust explosion', 'exploding powder', 'powder'], effect: { archetype: A('abstract', 6), subject: 'powder', palette: 'vibrant', excludes: 'powder' } },
  // An audio visualizer ("equalizer bars bouncing to music" was balls bouncing; "sound waves" the sea).
  // A flat key plate or solid field ("a green screen background" was a flowing green gradient with a
  // vignette and grain: nothing a keyer could pull).
  { words: ['green screen', 'greenscreen', 'green screen background', 'chroma key', 'chroma key green', 'chromakey', 'chroma green', 'keying background', 'green screen plate'], effect: { archetype: A('abstract', 8), subject: 'chroma-key', color: '#00b140' } },
  { words: ['blue screen', 'bluescreen', 'blue screen background', 'chroma key blue', 'chroma blue'], effect: { archetype: A('abstract', 8), subject: 'chroma-key', color: '#0047bb' } },
  { words: ['solid background', 'solid color background', 'solid colour background', 'flat background', 'flat color background', 'flat colour background', 'plain color background', 'plain colour background', 'solid color', 'solid colour', 'solid fill'], effect: { archetype: A('abstract', 8), subject: 'chroma-key' } },
  { words: ['solid black background', 'solid black', 'pure black background', 'flat black background'], effect: { archetype: A('abstract', 8), subject: 'chroma-key', color: '#000000' } },
  // Film damage as an overlay ("dust and scratches old film overlay" was a gradient with grain).
  // "Static" alone is a locked-off camera; with a television, a signal or noise it is the snow.
  { words: ['tv static', 'television static', 'old tv static', 'tv static noise', 'old tv static noise', 'television static noise', 'static noise', 'tv noise', 'television noise', 'tv snow', 'analog static', 'analogue static', 'static screen', 'screen static', 'static overlay', 'static effect', 'no signal', 'signal lost', 'lost signal', 'bad signal', 'white noise', 'video noise', 'analog noise', 'analogue noise', 'noise overlay', 'static interference', 'tv interference', 'interference', 'signal interference'], effect: { archetype: A('abstract', 8), subject: 'tv-static', excludes: 'static' } },
  { words: ['dust and scratches', 'film scratches', 'film dust', 'film damage', 'damaged film', 'scratched film', 'old film overlay', 'vintage film overlay', 'film overlay', 'dust overlay', 'scratch overlay', 'scratches overlay', 'film dirt', 'film specks', 'projector scratches', 'old movie overlay', 'dust and scratches overlay'], effect: { archetype: A('abstract', 8), subject: 'film-damage', excludes: 'film damage' } },
  { words: ['equalizer', 'equaliser', 'equalizer bars', 'equaliser bars', 'eq bars', 'spectrum analyzer', 'spectrum analyser', 'audio spectrum', 'music visualizer', 'music visualiser', 'audio visualizer', 'audio visualiser', 'visualizer', 'visualiser', 'sound bars', 'audio bars', 'music bars', 'bars bouncing to music', 'equalizer bars bouncing', 'beat visualizer'], effect: { archetype: A('abstract', 7), subject: 'equalizer', excludes: 'visualizer' } },
  { words: ['audio waveform', 'sound wave', 'sound waves', 'waveform', 'wave form', 'audio wave', 'voice waveform', 'podcast waveform', 'oscilloscope', 'oscilloscope waveform', 'audio waveform visualizer', 'sound wave visualizer', 'soundwave', 'soundwaves'], effect: { archetype: A('abstract', 7), subject: 'waveform', excludes: 'visualizer' } },
  { words: ['heartbeat', 'heartbeats', 'heart beat', 'heartbeat line', 'heartbeat monitor', 'heart monitor', 'heart rate monitor', 'heart rate', 'heartbeat trace', 'ecg', 'ekg', 'ecg line', 'ekg line', 'ecg monitor', 'ekg monitor', 'electrocardiogram', 'cardiogram', 'pulse line', 'pulse trace', 'pulse monitor', 'heart rhythm', 'vital signs monitor', 'vital signs', 'patient monitor', 'cardiac monitor', 'heart line', 'heartbeat line on a monitor', 'heartbeat on a monitor', 'heartbeat on the monitor', 'ecg on a monitor', 'ekg on a monitor', 'pulse on a monitor', 'heart rate on a monitor', 'hospital monitor', 'medical monitor'], effect: { archetype: A('abstract', 6), subject: 'heartbeat', excludes: 'heartbeat' } },
  // An end roll: every quoted line rolls, in order ("Directed by Ana Ruiz", "Editor: Tom Lee").
  { words: ['credits', 'end credits', 'closing credits', 'rolling credits', 'credits rolling', 'credit roll', 'credits roll', 'roll credits', 'scrolling credits', 'credits scrolling', 'film credits', 'movie credits', 'end roll', 'credit crawl', 'end titles', 'end credits rolling', 'end credits roll', 'end credits scrolling', 'rolling end credits', 'scrolling end credits', 'closing credits rolling'], effect: { archetype: A('text', 4), textMode: 'credits', excludes: 'text' } },
  { words: ['lower third', 'lower thirds', 'lower-third', 'name tag', 'nameplate', 'chyron', 'name strap'], effect: { archetype: A('text', 2), textMode: 'lower-third', excludes: 'text' } },

  // ---------------------------------------------------------------- physics
  { words: ['falling', 'fall', 'falls', 'drop', 'dropping', 'dropped', 'tumbling', 'raining down', 'pouring', 'thrown', 'throwing', 'tossed', 'tossing'], effect: { archetype: A('physics', 2), physics: 'fall' } },
  { words: ['bouncing', 'bounce', 'bounces', 'bouncy', 'rebounding'], effect: { archetype: A('physics', 3), physics: 'bounce' } },
  { words: ['colliding', 'collide', 'collision', 'collisions', 'crash', 'crashing', 'smash', 'smashing', 'impact', 'hitting', 'hits'], effect: { archetype: A('physics', 3), physics: 'collide' } },
  // A tower that collapses is the collide event: a projectile knocks a pyramid down.
  { words: ['collapsing', 'collapse', 'collapses', 'knocked over', 'knocked down', 'knocking down', 'knocking over', 'knock over', 'knock down', 'knocks over', 'knocks down', 'falling over', 'falls over', 'fall over', 'tipping over', 'toppling over', 'topples over', 'demolished', 'demolition'], effect: { archetype: A('physics', 3), physics: 'collide' } },
  { words: ['stacking', 'stack', 'stacked', 'tower', 'pile', 'piling', 'building blocks'], effect: { archetype: A('physics', 3), physics: 'stack' } },
  // "A pyramid of cans" is a stack, not Giza.
  { words: ['pyramid of', 'a pyramid of', 'stacked in a pyramid', 'can pyramid', 'pyramid stack'], effect: { archetype: A('physics', 3), physics: 'stack' } },
  { words: ['dominoes', 'domino', 'domino effect', 'chain reaction', 'toppling'], effect: { archetype: A('physics', 4), physics: 'dominoes', body: 'dominoes' } },
  { words: ['splash', 'splashing', 'splashes', 'plunging', 'dropping into water', 'into water', 'splashdown', 'pool', 'into a pool', 'into the pool', 'water tank', 'tank of water'], effect: { archetype: A('physics', 3), physics: 'splash' } },
  // A splash of water named as such is the studio splash, not a sea ("water" alone is the ocean).
  { words: ['water splash', 'water splashing', 'splash of water', 'splashing water', 'water droplets splashing', 'droplet splash', 'water drop splash', 'drop splash'], effect: { archetype: A('physics', 5), physics: 'splash' } },
  // Drops of water falling are the drops themselves falling into the pool: small clear bodies, not balls.
  { words: ['water droplet', 'water droplets', 'water droplets falling', 'water drops', 'water drop', 'drops of water', 'droplets of water', 'droplets falling', 'drop of water', 'a drop of water', 'droplets', 'droplet'], effect: { archetype: A('physics', 5), physics: 'splash', body: 'marbles', material: 'glass', color: '#cfe9f5' } },
  { words: ['physics', 'simulation', 'rigid bodies', 'dynamics'], effect: { archetype: A('physics', 3) } },
  // "spheres" are also abstract shapes: with an event named ("two spheres colliding") they are bodies.
  { words: ['balls', 'ball', 'beach balls', 'bowling balls', 'spheres', 'cannonball', 'cannon ball', 'cannonballs'], effect: { archetype: A('physics', 1), body: 'balls' } },
  // Structures a collision knocks down: a brick wall and the wrecking ball, a tower of wooden blocks, tenpins.
  { words: ['bricks', 'brick', 'brick wall', 'wall of bricks', 'brick walls', 'bricks wall'], effect: { archetype: A('physics', 3), body: 'bricks' } },
  // Surface textures as backgrounds are not drawn ("a brick wall background" was a wrecking ball at a
  // wall; "a wood texture background" said "wood" was used).
  { words: ['brick wall background', 'brick background', 'brick texture', 'brick wall texture', 'exposed brick', 'brick wall backdrop', 'wood texture', 'wooden texture', 'wood grain', 'marble texture', 'paper texture', 'concrete texture', 'concrete wall texture', 'fabric texture', 'stone texture', 'metal texture', 'leather texture', 'grunge texture', 'texture background', 'seamless texture'], effect: { excludes: 'textures', unrenderable: true } },
  // A window pane a ball shatters ("glass shattering in slow motion" was an empty gradient).
  { words: ['glass shattering', 'shattering glass', 'glass shatters', 'glass breaking', 'breaking glass', 'glass break', 'glass smashing', 'smashing glass', 'glass smash', 'shattered glass', 'broken glass', 'glass explosion', 'exploding glass', 'window shattering', 'shattering window', 'window breaking', 'breaking window', 'window smashing', 'smashing a window', 'smash a window', 'broken window', 'pane of glass', 'glass pane', 'window pane', 'window pane breaking', 'window pane shattering', 'pane breaking', 'pane shattering', 'glass pane breaking', 'ball through a window', 'ball through glass', 'through a window', 'through the window', 'through a glass window', 'into a window', 'shatter', 'shattering', 'shatters'], effect: { archetype: A('physics', 5), body: 'glass', physics: 'collide' } },
  { words: ['wrecking ball', 'wrecking balls', 'demolition ball'], effect: { archetype: A('physics', 5), body: 'bricks', physics: 'collide' } },
  { words: ['jenga', 'jenga tower', 'jenga blocks', 'jenga game', 'wooden blocks', 'wooden block tower', 'block tower', 'tower of blocks', 'tower of wooden blocks'], effect: { archetype: A('physics', 4), body: 'blocks' } },
  { words: ['pool table', 'pool tables', 'billiards', 'billiard', 'billiard balls', 'billiard table', 'pool balls', 'pool ball', 'snooker', 'snooker balls', 'break shot', 'pool break', 'pool table break shot', 'billiards break', 'billiard break', 'pool break shot', 'snooker break', 'playing pool', 'eight ball', '8 ball', 'cue ball', 'pool hall'], effect: { archetype: A('physics', 5), body: 'billiards', physics: 'collide' } },
  { words: ['bowling', 'bowling pins', 'bowling pin', 'pins', 'skittles', 'tenpins', 'ten pins', 'ten pin bowling', 'tenpin bowling', 'bowling alley', 'bowling lane', 'bowling strike', 'bowling ball'], effect: { archetype: A('physics', 4), body: 'pins', physics: 'collide' } },
  { words: ['marbles', 'marble', 'beads', 'pebbles'], effect: { archetype: A('physics', 1), body: 'marbles' } },
  { words: ['cubes', 'cube', 'blocks', 'block'], effect: { archetype: A('physics', 1), body: 'cubes' } },
  // Dice are thrown and tumble to a stop, pips up ("dice rolling on green felt" was plain cubes falling).
  { words: ['dice', 'die', 'a die', 'one die', 'single die', 'pair of dice', 'a pair of dice', 'rolling dice', 'dice rolling', 'dice roll', 'roll of the dice', 'casino dice', 'throwing dice', 'dice throw'], effect: { archetype: A('physics', 4), body: 'dice' } },
  // Coins pour onto a heap (gold unless a material is named) or stand in a stack.
  { words: ['coins', 'coin', 'gold coins', 'golden coins', 'falling coins', 'coins falling', 'pile of coins'], effect: { archetype: A('physics', 5), body: 'coins' } },
  { words: ['stack of coins', 'stacks of coins', 'coin stack', 'coin stacks', 'stacked coins', 'coins stacking'], effect: { archetype: A('physics', 5), body: 'coins', physics: 'stack' } },
  // Pearls pour like beans, lustrous white beads in a close-up.
  { words: ['pearls', 'pearl', 'pearls falling', 'falling pearls'], effect: { archetype: A('physics', 5), body: 'pearls' } },
  // Ice cubes are clear cubes, as water drops are clear marbles.
  { words: ['ice cubes', 'ice cube', 'cubes of ice'], effect: { archetype: A('physics', 3), body: 'cubes', material: 'glass', color: '#dfeef5' } },
  { words: ['crates', 'crate', 'boxes', 'cartons'], effect: { archetype: A('physics', 1), body: 'crates' } },
  // Coffee beans are the classic slow-motion product shot: beans pouring onto a heap (not a mug of coffee).
  { words: ['coffee beans', 'coffee bean', 'roasted coffee beans', 'roasted beans', 'espresso beans', 'cocoa beans', 'cacao beans', 'beans'], effect: { archetype: A('physics', 5), body: 'beans' } },

  // ---------------------------------------------------------------- time of day
  { words: ['dawn', 'sunrise', 'daybreak', 'first light', 'early morning', 'blue hour morning'], effect: { timeOfDay: 'dawn' } },
  { words: ['morning', 'daytime', 'day', 'daylight', 'afternoon'], effect: { timeOfDay: 'morning' } },
  { words: ['noon', 'midday', 'high noon', 'bright sun', 'sunny', 'harsh sun'], effect: { timeOfDay: 'noon' } },
  { words: ['golden hour', 'magic hour', 'golden', 'late afternoon', 'warm sunlight', 'sunset glow'], effect: { timeOfDay: 'golden-hour' } },
  { words: ['dusk', 'sunset', 'twilight', 'evening', 'blue hour', 'sundown', 'gloaming'], effect: { timeOfDay: 'dusk' } },
  { words: ['night', 'nighttime', 'night time', 'midnight', 'moonlight', 'moonlit', 'after dark', 'dark', 'starry', 'stars'], effect: { timeOfDay: 'night' } },

  // ---------------------------------------------------------------- weather
  { words: ['clear', 'clear sky', 'cloudless', 'fair', 'clear weather'], effect: { condition: 'clear' } },
  { words: ['cloudy', 'overcast', 'grey sky', 'gray sky', 'gloomy'], effect: { condition: 'cloudy', excludes: 'clouds' } },
  // Dark clouds are heavy weather, not night (and not yet rain).
  // A blue sky is a day's: at golden hour or dusk the sky is not blue.
  { words: ['blue sky', 'blue skies', 'clear blue sky', 'bright blue sky', 'blue sky with clouds', 'sunny sky', 'summer sky'], effect: { archetype: A('nature', 2), setting: 'sky', subject: 'clouds', timeOfDay: 'noon' } },
  { words: ['dark clouds', 'storm clouds', 'thunderclouds', 'brooding sky', 'moody sky'], effect: { archetype: A('nature', 2), setting: 'sky', subject: 'clouds', condition: 'cloudy', excludes: 'clouds' } },
  // A sandstorm: the desert in a brown haze, the wind driving dust (the dust palette tints the sky and haze).
  { words: ['sandstorm', 'sand storm', 'sandstorms', 'dust storm', 'dust storms', 'haboob', 'blowing sand', 'blowing dust'], effect: { archetype: A('nature', 4), setting: 'desert', condition: 'fog', wind: 0.9, particles: 'dust', palette: 'dust', excludes: 'sandstorm' } },
  // A hot spring steams: a pool in the hills under its own mist (a studio's hot drink was drawn).
  { words: ['hot spring', 'hot springs', 'thermal pool', 'thermal spring', 'geothermal pool', 'steaming lake', 'steaming pond', 'onsen'], effect: { archetype: A('nature', 5), setting: 'lake', subject: 'waves', condition: 'fog' } },
  { words: ['fog', 'foggy', 'mist', 'misty', 'haze', 'hazy', 'smoky', 'murky', 'atmospheric', 'fog rolling', 'rolling fog', 'fog rolling in', 'fog rolling over', 'mist rolling', 'rolling mist', 'fog drifting', 'drifting fog', 'low fog', 'ground fog'], effect: { condition: 'fog', excludes: 'fog' } },
  { words: ['rain', 'rainy', 'raining', 'rainfall', 'drizzle', 'downpour', 'showers', 'wet', 'raindrops'], effect: { condition: 'rain', particles: 'rain', excludes: 'rain' } },
  { words: ['heavy', 'heavily', 'thick', 'dense', 'pouring', 'blizzard', 'downpour', 'torrential'], effect: { particleDensity: 1 } },
  { words: ['light', 'gentle', 'sparse', 'a few', 'drizzle', 'flurries'], effect: { particleDensity: 0.2 } },
  { words: ['snow', 'snowy', 'snowing', 'snowfall', 'snowflakes', 'blizzard', 'flurries'], effect: { condition: 'snow', particles: 'snow', excludes: 'snow' } },
  { words: ['snowstorm', 'snow storm', 'snowstorms', 'whiteout', 'heavy snow'], effect: { condition: 'snow', particles: 'snow', particleDensity: 1, wind: 0.8, excludes: 'snow' } },
  { words: ['lightning', 'lightning bolt', 'lightning bolts', 'lightning strike', 'lightning strikes', 'lightning storm', 'thunderstorm', 'thunderstorms', 'thunder', 'electrical storm', 'thunder and lightning'], effect: { archetype: A('nature', 1), subject: 'lightning', condition: 'storm', particles: 'rain', wind: 0.8, excludes: 'lightning' } },
  { words: ['storm', 'stormy', 'tempest', 'squall'], effect: { condition: 'storm', particles: 'rain', wind: 0.8, excludes: 'rain' } },
  { words: ['wind', 'windy', 'breeze', 'breezy', 'gusty', 'gale', 'blowing'], effect: { wind: 0.7, excludes: 'wind' } },
  { words: ['swaying', 'sway', 'sways', 'swaying in the wind', 'rustling', 'waving in the wind', 'blowing in the wind'], effect: { wind: 0.55 } },
  { words: ['calm', 'still', 'tranquil', 'serene', 'peaceful', 'quiet'], effect: { wind: 0.05, speed: 0.7 } },

  // ---------------------------------------------------------------- camera moves
  { words: ['static', 'locked off', 'locked-off', 'tripod', 'still shot', 'fixed camera'], effect: { camera: 'static' } },
  { words: ['dolly in', 'push in', 'push-in', 'dolly', 'dolly forward', 'track in', 'zoom in', 'moving forward', 'approach', 'approaching', 'flythrough', 'fly through', 'fly-through', 'flying through'], effect: { camera: 'dolly-in' } },
  { words: ['dolly out', 'pull out', 'pull back', 'pull-back', 'track out', 'zoom out', 'reveal', 'receding'], effect: { camera: 'dolly-out' } },
  { words: ['pan', 'pan left', 'panning', 'panning left', 'sweeping'], effect: { camera: 'pan-left' } },
  { words: ['pan right', 'panning right'], effect: { camera: 'pan-right' } },
  // A tracking or slider shot slides the camera sideways (left to right unless said).
  { words: ['tracking shot', 'tracking', 'slider', 'slider shot', 'slider move', 'truck right', 'trucking right', 'crab right', 'slide right', 'lateral move', 'lateral tracking', 'parallax', 'parallax shot', 'sideways', 'side to side', 'tracking along'], effect: { camera: 'truck-right' } },
  { words: ['truck left', 'trucking left', 'crab left', 'slide left', 'tracking left', 'slider left'], effect: { camera: 'truck-left' } },
  { words: ['tilt up', 'tilt', 'tilting up', 'looking up'], effect: { camera: 'tilt-up' } },
  { words: ['tilt down', 'tilting down', 'looking down'], effect: { camera: 'tilt-down' } },
  { words: ['orbit', 'orbiting', 'circling', 'arc shot', 'arc', '360', 'revolve around'], effect: { camera: 'orbit' } },
  { words: ['crane', 'crane up', 'jib', 'jib up', 'rising', 'ascending', 'pedestal up', 'boom up'], effect: { camera: 'crane-up' } },
  { words: ['crane down', 'jib down', 'descending', 'lowering', 'boom down'], effect: { camera: 'crane-down' } },
  { words: ['handheld', 'hand held', 'hand-held', 'shaky', 'documentary', 'verite', 'run and gun'], effect: { camera: 'handheld' } },
  { words: ['drone', 'drone shot', 'aerial', 'flyover', 'fly over', 'flying over', 'birds eye', "bird's eye", 'birds-eye', 'overhead', 'top down'], effect: { camera: 'drone', shot: 'wide' } },
  { words: ['slow', 'slowly', 'gentle', 'gently', 'subtle', 'lazy', 'drifting', 'floating'], effect: { speed: 0.6 } },
  { words: ['fast', 'quick', 'quickly', 'rapid', 'dynamic', 'energetic', 'whip'], effect: { speed: 1.8 } },
  { words: ['slow motion', 'slow-mo', 'slowmo', 'slo-mo', 'high speed', 'high frame rate'], effect: { timeScale: 0.35 } },
  { words: ['time lapse', 'timelapse', 'time-lapse', 'hyperlapse'], effect: { timeScale: 3 } },
  // Grain in the grade ("'The End' on black background, film grain" reported it ignored).
  { words: ['film grain', 'filmic grain', 'grain', 'with grain', 'film look', 'analog film', 'analogue film', '35mm film', '16mm', '16mm film', 'vintage film'], effect: { grain: 0.5 } },
  { words: ['grainy', 'heavy grain', 'super 8', 'super8', 'old film', 'old footage', 'grainy footage'], effect: { grain: 0.8 } },

  // ---------------------------------------------------------------- lens and framing
  { words: ['wide', 'wide angle', 'wide-angle', 'wide shot', 'establishing', 'establishing shot', 'panorama', 'panoramic', 'vista', 'epic', 'vast', 'sweeping view'], effect: { shot: 'wide', focalLengthMm: 20 } },
  { words: ['medium shot', 'mid shot', 'normal lens', '50mm', '35mm'], effect: { shot: 'medium', focalLengthMm: 40 } },
  { words: ['close-up', 'close up', 'closeup', 'macro', 'detail', 'details', 'close', 'extreme close-up', 'ecu'], effect: { shot: 'close', focalLengthMm: 85, shallowDepthOfField: true } },
  { words: ['tele', 'telephoto', 'long lens', 'zoom lens', 'compressed', '200mm', '135mm', '85mm'], effect: { focalLengthMm: 135 } },
  { words: ['shallow depth of field', 'shallow dof', 'shallow focus', 'depth of field', 'dof', 'blurry background', 'blurred background', 'cinematic', 'dreamy', 'soft focus'], effect: { shallowDepthOfField: true } },
  { words: ['deep focus', 'everything in focus', 'sharp', 'crisp'], effect: { shallowDepthOfField: false } },
  { words: ['sun shining through clouds', 'sun through clouds', 'sun through the clouds', 'sun behind clouds', 'sun behind the clouds', 'sun peeking through clouds', 'sun breaking through clouds', 'sun breaking through the clouds', 'sunshine through clouds', 'sunlight through clouds', 'sunlight through the clouds'], effect: { archetype: A('nature', 3), setting: 'sky', subject: 'clouds', faceSun: true } },
  { words: ['sun', 'the sun', 'sunshine', 'sun shining', 'shining sun', 'bright sun', 'sun in the sky', 'sunny sky'], effect: { faceSun: true } },
  { words: ['sunset', 'sunsets', 'sunrise', 'sunrises', 'setting sun', 'rising sun', 'into the sun', 'backlit', 'back lit', 'low sun'], effect: { faceSun: true } },
  // The moon in the frame, over the horizon ahead, its path on the water: the night's "sun" turned into view.
  { words: ['moon', 'the moon', 'full moon', 'a full moon', 'moonrise', 'rising moon', 'moon rising', 'under the moon', 'big moon', 'harvest moon', 'supermoon', 'moon over'], effect: { timeOfDay: 'night', faceSun: true, moon: true, excludes: 'moon' } },
  { words: ['motion blur', 'motion blurred', 'motion-blurred', 'blurred motion', 'shutter blur', '180 degree shutter', '180-degree shutter', '180° shutter'], effect: { motionBlur: true, excludes: 'motion-blur' } },

  // ---------------------------------------------------------------- materials
  { words: ['metal', 'metallic', 'steel', 'aluminium', 'aluminum', 'brushed metal', 'iron'], effect: { material: 'metal' } },
  { words: ['chrome', 'mirror', 'reflective', 'shiny', 'polished', 'glossy'], effect: { material: 'chrome' } },
  // Gold also colours the shot (its palette), which is what "liquid gold" or "gold particles" ask for.
  { words: ['gold', 'golden metal', 'brass', 'bronze', 'copper'], effect: { material: 'gold', palette: 'luxury' } },
  { words: ['glass', 'crystal', 'transparent', 'translucent', 'clear glass'], effect: { material: 'glass' } },
  { words: ['wood', 'wooden', 'timber', 'oak'], effect: { material: 'wood' } },
  { words: ['stone', 'marble slab', 'concrete', 'granite'], effect: { material: 'stone' } },
  { words: ['rubber', 'rubbery'], effect: { material: 'rubber' } },
  { words: ['bouncy balls', 'rubber balls', 'super balls'], effect: { archetype: A('physics', 4), material: 'rubber', body: 'balls', physics: 'bounce' } },
  // Sports balls in their own colours (their seams and panels are not drawn).
  { words: ['tennis ball', 'tennis balls'], effect: { archetype: A('physics', 4), material: 'rubber', body: 'balls', color: '#cfdc3a' } },
  { words: ['basketball', 'basketballs', 'basket ball'], effect: { archetype: A('physics', 4), material: 'rubber', body: 'balls', color: '#d2601f' } },
  { words: ['soccer ball', 'soccer balls', 'football', 'footballs', 'volleyball', 'volleyballs'], effect: { archetype: A('physics', 4), material: 'plastic', body: 'balls', color: '#f2f2ee' } },
  { words: ['golf ball', 'golf balls', 'ping pong ball', 'ping pong balls', 'table tennis ball'], effect: { archetype: A('physics', 4), material: 'plastic', body: 'balls', color: '#f7f7f2' } },
  { words: ['plastic', 'toy', 'toys', 'lego'], effect: { material: 'plastic' } },
  { words: ['ceramic', 'porcelain', 'clay', 'pottery'], effect: { material: 'ceramic' } },
  { words: ['matte', 'flat', 'satin', 'frosted'], effect: { material: 'matte' } },
  { words: ['glowing', 'glow', 'luminous', 'emissive', 'light up'], effect: { material: 'emissive' } },

  // ---------------------------------------------------------------- palettes and colours
  { words: ['warm', 'cozy', 'cosy', 'amber', 'orange tones'], effect: { palette: 'warm' } },
  { words: ['cool', 'cold', 'icy blue', 'blue tones', 'moody'], effect: { palette: 'cool' } },
  { words: ['teal and orange', 'teal orange', 'blockbuster', 'filmic'], effect: { palette: 'teal-orange' } },
  { words: ['pastel', 'pastels', 'soft colours', 'soft colors', 'candy'], effect: { palette: 'pastel' } },
  { words: ['neon', 'cyberpunk', 'synthwave', 'vaporwave', 'retrowave', 'futuristic', 'sci-fi', 'scifi', 'tech', 'technology', 'digital'], effect: { palette: 'neon' } },
  { words: ['christmas', 'xmas', 'festive', 'yuletide', 'holiday season'], effect: { palette: 'festive' } },
  { words: ['monochrome', 'black and white', 'b&w', 'greyscale', 'grayscale', 'noir'], effect: { palette: 'monochrome' } },
  { words: ['earthy', 'natural', 'organic', 'rustic'], effect: { palette: 'earthy' } },
  { words: ['luxury', 'luxurious', 'elegant', 'premium', 'classy', 'sleek', 'minimal', 'minimalist', 'clean'], effect: { palette: 'luxury' } },
  { words: ['corporate', 'business', 'professional', 'news', 'interview'], effect: { palette: 'corporate' } },
  { words: ['vibrant', 'colorful', 'colourful', 'rainbow', 'bold', 'saturated', 'playful', 'fun'], effect: { palette: 'vibrant' } },
  { words: ['red', 'crimson', 'scarlet'], effect: { color: '#c8202a' } },
  { words: ['orange'], effect: { color: '#e8711c' } },
  { words: ['yellow'], effect: { color: '#f2c12e' } },
  { words: ['green', 'emerald'], effect: { color: '#2e9d57' } },
  { words: ['blue', 'navy', 'azure', 'cobalt'], effect: { color: '#2657c9' } },
  { words: ['tropical', 'turquoise water', 'turquoise sea', 'turquoise ocean', 'crystal clear water', 'clear turquoise water', 'crystal clear sea', 'caribbean', 'maldives', 'bahamas', 'bora bora'], effect: { palette: 'tropical' } },
  { words: ['teal', 'cyan', 'turquoise'], effect: { color: '#1aa5a8' } },
  { words: ['purple', 'violet', 'magenta', 'lilac'], effect: { color: '#7b3fc4' } },
  { words: ['pink', 'rose'], effect: { color: '#e86aa0' } },
  { words: ['white', 'ivory'], effect: { color: '#eeeae4' } },
  { words: ['black', 'jet black', 'obsidian'], effect: { color: '#141416' } },
  { words: ['silver', 'grey', 'gray'], effect: { color: '#a7abb1' } },

  // ---------------------------------------------------------------- count words
  { words: ['single', 'one', 'lone', 'solitary', 'a single'], effect: { count: 1 } },
  { words: ['couple', 'a couple', 'pair', 'a pair', 'two', 'both'], effect: { count: 2 } },
  { words: ['few', 'a few', 'three'], effect: { count: 3 } },
  // Number words say their number ("five dice" were six).
  { words: ['four'], effect: { count: 4 } },
  { words: ['five'], effect: { count: 5 } },
  { words: ['several', 'some', 'six', 'handful'], effect: { count: 6 } },
  { words: ['seven'], effect: { count: 7 } },
  { words: ['eight'], effect: { count: 8 } },
  { words: ['nine'], effect: { count: 9 } },
  { words: ['ten'], effect: { count: 10 } },
  { words: ['twelve'], effect: { count: 12 } },
  { words: ['twenty'], effect: { count: 20 } },
  { words: ['many', 'dozens', 'lots', 'lots of', 'dozen', 'numerous', 'plenty'], effect: { count: 24 } },
  { words: ['hundreds', 'countless', 'swarm', 'thousands', 'massive amount', 'tons of'], effect: { count: 80 } },

  // ---------------------------------------------------------------- things we understand but never draw
  { words: ['people', 'person', 'man', 'woman', 'men', 'women', 'crowd', 'crowds', 'humans', 'human', 'pedestrians', 'faces', 'face', 'figures', 'kids', 'children', 'actor', 'actors'], effect: { excludes: 'people', unrenderable: true } },
  { words: ['animals', 'animal', 'dog', 'dogs', 'cat', 'cats', 'deer', 'wildlife', 'horses', 'polar bear', 'polar bears', 'penguin', 'penguins', 'seal', 'seals', 'whale', 'whales', 'dolphin', 'dolphins', 'lion', 'lions', 'elephant', 'elephants', 'bear', 'bears', 'fox', 'wolf', 'wolves'], effect: { excludes: 'animals', unrenderable: true } },
  // Not the things these words also name: heat haze is not the sea's waves ("heat waves over a desert
  // road" was the ocean), a jet ski not an airliner, a lava lamp not a volcano, a harbour's cranes not a
  // crane move, a crash test not balls.
  { words: ['heat waves', 'heat wave', 'heat shimmer', 'heat distortion', 'mirage'], effect: { excludes: 'heat haze', unrenderable: true } },
  { words: ['jet ski', 'jet skis', 'jetski', 'jetskis', 'jet skiing', 'jet-ski'], effect: { excludes: 'vehicles', unrenderable: true } },
  { words: ['lava lamp', 'lava lamps'], effect: { excludes: 'devices', unrenderable: true } },
  { words: ['cranes', 'harbour cranes', 'harbor cranes', 'port cranes', 'container cranes', 'construction crane', 'construction cranes', 'tower crane', 'tower cranes', 'gantry crane', 'gantry cranes'], effect: { excludes: 'cranes', unrenderable: true } },
  { words: ['car crash', 'car crashes', 'crash test', 'car crash test', 'crash test dummy', 'collision test'], effect: { excludes: 'vehicles', unrenderable: true } },
  { words: ['brooklyn bridge', 'tower bridge', 'london bridge', 'stone bridge', 'wooden bridge', 'footbridge', 'covered bridge', 'rope bridge'], effect: { excludes: 'bridges', unrenderable: true } },
  // A ring worn on a finger is jewellery we do not model, not the abstract rings of light.
  { words: ['diamond ring', 'diamond rings', 'wedding ring', 'wedding rings', 'engagement ring', 'engagement rings', 'gold ring', 'silver ring', 'a ring', 'jewelry', 'jewellery'], effect: { excludes: 'jewellery', unrenderable: true } },
  // A rose is a flower we do not model, not the colour ("a single red rose" drew a bottle and said every
  // word was used); "rose" alone stays the colour.
  { words: ['a rose', 'red rose', 'red roses', 'roses', 'single rose', 'a single rose', 'bouquet', 'bouquet of roses', 'bouquet of flowers', 'flower bouquet', 'rosebud'], effect: { excludes: 'roses', unrenderable: true } },
  // Buildings we do not model: "a clock tower at dusk" drew the alarm clock on a studio sweep.
  // Things that look like our subjects but are not: a plasma ball is not a physics ball, a geyser not a
  // volcano ("an erupting geyser" drew a volcano).
  { words: ['plasma ball', 'plasma balls', 'plasma globe', 'plasma lamp', 'tesla coil', 'tesla coils', 'van de graaff', 'geyser', 'geysers', 'erupting geyser', 'geyser erupting', 'old faithful'], effect: { excludes: 'devices', unrenderable: true } },
  // Crops and plantations are not drawn, the field and hills round them are ("vineyard rows at golden hour"
  // and "rice terraces in the mist" were a pine forest, the default landscape).
  { words: ['vineyard', 'vineyards', 'vine rows', 'vineyard rows', 'rows of vines', 'rice terraces', 'rice terrace', 'rice field', 'rice fields', 'rice paddies', 'rice paddy', 'paddy field', 'paddy fields', 'tea plantation', 'tea plantations', 'tea fields', 'orchard', 'orchards', 'olive grove', 'olive groves', 'cornfield', 'cornfields', 'corn field', 'corn fields', 'crops', 'crop field', 'crop fields', 'crop rows', 'plantation', 'plantations'], effect: { archetype: A('nature', 3), setting: 'meadow', excludes: 'crops', unrenderable: true } },
  // Rooms and the insides of buildings are not drawn; with nothing else named the shot is not a landscape
  // either ("empty office at night with computer screens" and "a modern kitchen with morning light" were
  // a pine forest).
  { words: ['office', 'offices', 'empty office', 'open office', 'open plan office', 'modern office', 'kitchen', 'modern kitchen', 'living room', 'bedroom', 'bathroom', 'classroom', 'library', 'libraries', 'hallway', 'corridor', 'lobby', 'warehouse', 'gym', 'restaurant', 'cafe', 'caf\u00e9', 'coffee shop', 'pub', 'hospital', 'hospital room', 'museum', 'art gallery', 'supermarket', 'shopping mall', 'mall', 'airport', 'airport terminal', 'train station', 'subway station', 'metro station', 'interior', 'interiors', 'indoors', 'apartment', 'loft', 'server room', 'data center', 'data centre', 'laboratory', 'lab', 'conference room', 'meeting room', 'factory floor', 'room', 'rooms', 'studio apartment', 'attic', 'basement', 'garage', 'workshop'], effect: { excludes: 'interiors', unrenderable: true, indoors: true } },
  // Dew is not drawn; its drops are not falling bodies ("a spider web with dew drops" was 36 cubes falling).
  { words: ['dew', 'dew drops', 'dewdrops', 'dew drop', 'dewdrop', 'drops of dew', 'dewy', 'spider web', 'spider webs', 'spiderweb', 'spiderwebs', 'cobweb', 'cobwebs'], effect: { excludes: 'dew', unrenderable: true } },
  // A city's landmark is not drawn, but the city round it is.
  { words: ['clock tower', 'clocktower', 'big ben', 'eiffel tower', 'statue of liberty', 'empire state building', 'landmark', 'landmarks'], effect: { archetype: A('urban', 3), setting: 'city', excludes: 'landmarks', unrenderable: true } },
  { words: ['bell tower', 'church tower', 'church', 'churches', 'cathedral', 'castle', 'castles', 'temple', 'mosque', 'palace', 'monument', 'statue'], effect: { excludes: 'landmarks', unrenderable: true } },
  // Birds are drawn: a flock crossing the sky ("no birds" and "no animals" both leave them out).
  { words: ['ferris wheel', 'ferris wheels', 'big wheel', 'observation wheel', 'fairground', 'funfair', 'carnival', 'amusement park', 'county fair'], effect: { archetype: A('nature', 5), subject: 'ferris-wheel', excludes: 'ferris wheel' } },
  { words: ['tornado', 'tornadoes', 'tornados', 'twister', 'twisters', 'funnel cloud', 'tornado touching down', 'supercell', 'storm chasing', 'storm chaser', 'whirlwind'], effect: { archetype: A('nature', 6), subject: 'tornado', condition: 'cloudy', excludes: 'tornado' } },
  { words: ['rocket', 'rockets', 'rocket launch', 'rocket launching', 'rocket taking off', 'rocket lift off', 'rocket liftoff', 'launch', 'space launch', 'liftoff', 'lift off', 'launch pad', 'launchpad', 'rocket launch into space', 'launch into space', 'rocket into space', 'rocket ship', 'spaceship launch', 'space shuttle launch'], effect: { archetype: A('nature', 6), subject: 'rocket', excludes: 'rocket' } },
  { words: ['butterflies', 'butterfly', 'monarch butterfly', 'monarch butterflies', 'blue butterfly', 'butterflies flying', 'fluttering butterflies', 'moths', 'moth'], effect: { archetype: A('nature', 3), subject: 'butterflies', excludes: 'butterflies' } },
  // A container ship at sea ("a cargo ship on the ocean" was the ocean, "ship" ignored).
  { words: ['container ship', 'container ships', 'cargo ship', 'cargo ships', 'freighter', 'freighters', 'container vessel', 'cargo vessel', 'merchant ship', 'ship', 'ships', 'shipping', 'tanker', 'oil tanker', 'tanker ship', 'ship at sea', 'ship on the ocean'], effect: { archetype: A('nature', 3), setting: 'ocean', subject: 'ship', excludes: 'ship' } },
  { words: ['cruise ship', 'cruise ships', 'cruise liner', 'ocean liner', 'warship', 'battleship', 'aircraft carrier', 'pirate ship', 'sailing ship', 'tall ship', 'galleon'], effect: { excludes: 'ship', unrenderable: true } },
  // Kites in the wind ("kites flying on a windy beach" was the beach with the kites ignored).
  // A flag flying ("a flag waving in the wind" drew a bare gradient). The stars and stripes for an
  // American flag; other countries' flags are not drawn.
  { words: ['flag', 'flags', 'flag waving', 'waving flag', 'flag flying', 'flying flag', 'flag in the wind', 'flag waving in the wind', 'flag blowing in the wind', 'flagpole', 'flag pole', 'flag on a pole', 'flag fluttering', 'fluttering flag', 'banner waving'], effect: { archetype: A('nature', 4), subject: 'flag', excludes: 'flag', wind: 0.6 } },
  { words: ['american flag', 'us flag', 'u.s. flag', 'usa flag', 'american flags', 'stars and stripes', 'united states flag', 'flag of the united states', 'old glory', 'american flag waving', 'waving american flag', 'american flag flying'], effect: { archetype: A('nature', 4), subject: 'flag', color: '#b22234', excludes: 'flag', wind: 0.6 } },
  { words: ['national flag', 'country flag', 'british flag', 'union jack', 'french flag', 'german flag', 'canadian flag', 'japanese flag', 'chinese flag', 'indian flag', 'ukrainian flag', 'european flag', 'eu flag', 'pirate flag', 'rainbow flag', 'pride flag'], effect: { excludes: 'flag', unrenderable: true } },
  { words: ['kite', 'kites', 'kite flying', 'kites flying', 'flying a kite', 'flying kites', 'kite festival', 'colorful kites', 'colourful kites'], effect: { archetype: A('nature', 2), subject: 'kites', excludes: 'kites', wind: 0.6 } },
  // Trains on their track across open country ("a train passing through mountains" was the mountains).
  { words: ['train', 'trains', 'passenger train', 'passenger trains', 'high speed train', 'bullet train', 'express train', 'intercity train', 'commuter train', 'railway', 'railways', 'railroad', 'railway line', 'rail line', 'railroad tracks', 'railway tracks', 'train tracks', 'train passing', 'train passing by', 'train crossing', 'locomotive', 'modern train'], effect: { archetype: A('nature', 3), subject: 'train', excludes: 'trains' } },
  { words: ['steam train', 'steam trains', 'steam locomotive', 'steam locomotives', 'steam engine', 'old train', 'old steam train', 'vintage train', 'vintage steam train', 'heritage railway', 'historic train', 'antique train'], effect: { archetype: A('nature', 4), subject: 'steam-train', excludes: 'trains' } },
  { words: ['freight train', 'freight trains', 'cargo train', 'goods train', 'container train', 'coal train', 'freight wagons', 'freight cars'], effect: { archetype: A('nature', 4), subject: 'freight-train', excludes: 'trains' } },
  { words: ['subway train', 'subway', 'metro train', 'underground train', 'tube train', 'tram', 'trams', 'streetcar', 'streetcars', 'monorail', 'cable car'], effect: { excludes: 'trains', unrenderable: true } },
  // An airliner ("airplane flying above the clouds" was the clouds alone); a contrail is one at cruise.
  { words: ['airplane', 'airplanes', 'aeroplane', 'aeroplanes', 'plane', 'planes', 'airliner', 'airliners', 'jet', 'jets', 'jet plane', 'passenger jet', 'passenger plane', 'commercial jet', 'commercial airliner', 'aircraft', 'jetliner', 'airplane flying', 'plane flying', 'jet flying', 'flying plane', 'airplane overhead', 'plane overhead', 'plane passing', 'plane passing overhead', 'airplane in the sky', 'plane in the sky'], effect: { archetype: A('nature', 2), subject: 'airplane', excludes: 'airplane' } },
  { words: ['contrail', 'contrails', 'jet contrail', 'jet contrails', 'vapor trail', 'vapour trail', 'vapor trails', 'vapour trails', 'jet trail', 'jet trails', 'chemtrails', 'plane trail', 'airplane trail'], effect: { archetype: A('nature', 2), subject: 'contrail', excludes: 'airplane' } },
  // Not an airliner: a folded paper plane, a fighter display, a model; a helicopter is not drawn either.
  { words: ['paper airplane', 'paper airplanes', 'paper plane', 'paper planes', 'fighter jet', 'fighter jets', 'helicopter', 'helicopters', 'drone flying', 'quadcopter', 'glider'], effect: { excludes: 'aircraft', unrenderable: true } },
  { words: ['birds', 'bird', 'flock of birds', 'a flock', 'flock', 'seagulls', 'seagull', 'gulls', 'gull', 'geese', 'swallows', 'birds flying', 'flying birds', 'migrating birds', 'starlings', 'murmuration'], effect: { archetype: A('nature', 1), subject: 'birds', excludes: 'birds' } },
  // The surface a product stands on: the studio floor stands in for it, so "wooden" here must not make
  // the product wooden; reported as ignored.
  { words: ['table', 'wooden table', 'wood table', 'kitchen table', 'desk', 'wooden desk', 'countertop', 'counter', 'marble table', 'marble countertop', 'wooden surface', 'bar counter', 'felt', 'green felt', 'felt table', 'casino table', 'poker table', 'card table', 'craps table', 'gaming table'], effect: { excludes: 'table', unrenderable: true } },
  { words: ['logo', 'logos', 'brand', 'branding', 'watermark', 'signage'], effect: { excludes: 'logos', unrenderable: true } },
  { words: ['music', 'sound', 'audio', 'voiceover', 'soundtrack'], effect: { excludes: 'audio', unrenderable: true } },
  // Layout words, not outer space ("a background with copy space").
  { words: ['copy space', 'negative space', 'space for text', 'space for a title', 'room for text', 'empty space', 'white space', 'open space', 'blank space'], effect: { excludes: 'copy-space', unrenderable: true } },
  { words: ['camera movement', 'camera motion', 'camera move', 'movement', 'motion', 'moving camera'], effect: { excludes: 'camera-motion' } },
];

/** Words that carry no scene meaning; neither used nor ignored. */
export const FILLER = new Set(
  'a an the of over on in at with and or nor into onto through across by from to under above below is are was be being some very really just its it this that these those as for while like near behind beside between against up down out off for shot clip footage video scene b-roll broll b roll stock lighting light lit seconds second sec secs s fps'.split(
    ' ',
  ),
);

/** Words that negate the term after them. */
export const NEGATORS = new Set(['no', 'not', 'without', 'never', 'nor', 'zero', "don't", 'dont', 'avoid', 'exclude', 'excluding', 'minus', 'sans']);

export interface Lexicon {
  /** Phrase (lower case, words joined by one space) -> effect. */
  phrases: Map<string, Effect>;
  /** Longest phrase length in words. */
  maxWords: number;
}

function build(): Lexicon {
  const phrases = new Map<string, Effect>();
  let maxWords = 1;
  for (const entry of ENTRIES) {
    // Spellings that normalise alike ("push-in", "push in") are one phrase: counted once, or their votes
    // would add up ("hot-air balloons" doubled its archetype vote and outvoted "city").
    for (const w of new Set(entry.words.map((x) => x.toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ').trim()))) {
      const key = w;
      // A word listed under two concepts ("sunrise": sky and dawn) carries both; on a clash of the same
      // field the first listed wins, and archetype votes add up.
      const prev = phrases.get(key);
      phrases.set(key, prev ? mergeEffects(prev, entry.effect) : entry.effect);
      maxWords = Math.max(maxWords, key.split(' ').length);
    }
  }
  return { phrases, maxWords };
}

function mergeEffects(first: Effect, second: Effect): Effect {
  const merged: Effect = { ...second, ...first };
  if (first.archetype || second.archetype) {
    const votes: Partial<Record<Archetype, number>> = { ...second.archetype };
    for (const [k, v] of Object.entries(first.archetype ?? {})) votes[k as Archetype] = (votes[k as Archetype] ?? 0) + (v ?? 0);
    merged.archetype = votes;
  }
  return merged;
}

export const LEXICON: Lexicon = build();

/** Every concept's synonyms, for docs and tests. */
export function vocabularyEntries(): ReadonlyArray<{ words: readonly string[]; effect: Readonly<Effect> }> {
  return ENTRIES;
}
