/**
 * Named colour palettes (sRGB hex). The first colour is the hero/accent, the rest support it. Chosen by
 * prompt words ("pastel", "neon") or, when the prompt says nothing, by archetype and seed.
 */
/** A planet's colour when none is named: the earth's (its shader paints oceans, continents, ice and cloud). */
export const EARTH_BLUE = '#1d4f8c';
/** A planet of this colour is Saturn: a banded gas giant in its rings. */
export const SATURN_GOLD = '#d6bb86';

export const PALETTES: Record<string, string[]> = {
  warm: ['#e8893a', '#c8553d', '#f4d58d', '#8c4a2f', '#2b1d14'],
  cool: ['#3a7ca5', '#81c3d7', '#d9dcd6', '#16425b', '#2f6690'],
  'teal-orange': ['#e07a2f', '#1d7874', '#f2b880', '#0b3c49', '#f6e7cb'],
  pastel: ['#f4a7b9', '#a7c7e7', '#c1e1c1', '#fdfd96', '#cdb4db'],
  neon: ['#ff2a6d', '#05d9e8', '#d1f7ff', '#7b2cbf', '#01012b'],
  monochrome: ['#e6e6e6', '#9a9a9a', '#5c5c5c', '#2a2a2a', '#f8f8f8'],
  earthy: ['#a3b18a', '#588157', '#dad7cd', '#7f5539', '#344e41'],
  luxury: ['#c9a227', '#1b1b1e', '#f5f0e6', '#5b4e3a', '#8a8d91'],
  corporate: ['#1f6feb', '#0e2a47', '#e8eef5', '#3fb6c6', '#9aa8b8'],
  vibrant: ['#ff595e', '#ffca3a', '#8ac926', '#1982c4', '#6a4c93'],
  autumn: ['#d1495b', '#edae49', '#c1666b', '#8f3b1b', '#e07b39'],
  // Only from words ("on a white background"): a high-key field, white with faint warm and cool greys.
  white: ['#f5f3ef', '#e6e3dd', '#d7d9dc', '#b4b0aa', '#ffffff'],
  // Only from words ("cherry blossom", "sakura"): broadleaf canopies flower pink (scene/nature.mts).
  blossom: ['#f4b6c8', '#fbe2ea', '#e68aa6', '#6b8f3f', '#5a4636'],
  winter: ['#dbe9f4', '#9bb7d4', '#5f7fa3', '#f7fbff', '#2e4057'],
  lush: ['#6a994e', '#a7c957', '#f2e8cf', '#386641', '#bc4749'],
  // Only from words ("gold confetti"): a dark warm field that gold pieces stand out on (the confetti's
  // own golds are in the particle layer).
  gold: ['#3a2c14', '#5e4719', '#120e08', '#c9a227', '#f5e6b8'],
  // Only from words ("tropical beach", "turquoise water"): turquoise shallows, pale sand, deep lagoon blue,
  // palm green; the sea and the beach take their colours from it (scene/nature.mts).
  tropical: ['#2ec4c0', '#f1e6cc', '#0f7a8c', '#7fd6c2', '#2f6b3a'],
  // Only from words ("sandstorm", "dust storm"): the sky and the haze go the sand's brown (scene/common.mts).
  dust: ['#c8955a', '#a8703c', '#e0b887', '#7a4e2a', '#f0d2a8'],
  // Only from words ("christmas lights"): a dark field of deep red and green (its first colours), and the
  // warm gold, red, green and warm white of a tree's lights glowing on it (the bright ones, which lights
  // take).
  // Only for an end roll with no field or colour named: true black (the text field's colours are all zero).
  black: ['#000000', '#000000', '#000000', '#2a2a2a', '#f7f5f0'],
  // Valentine's: reds and pinks over a deep wine field.
  romantic: ['#e0245e', '#ff8fab', '#c9184a', '#3a0a1a', '#ffd6e0'],
  festive: ['#4a0e16', '#0f2d1a', '#f2b64a', '#d8283a', '#3fae5a', '#fff0d4'],
};

/** Which palettes suit an archetype when the prompt names none. */
export const DEFAULT_PALETTES: Record<string, string[]> = {
  nature: ['earthy', 'lush', 'warm', 'cool'],
  urban: ['teal-orange', 'neon', 'warm', 'cool'],
  abstract: ['neon', 'pastel', 'cool', 'vibrant', 'teal-orange', 'warm'],
  product: ['luxury', 'cool', 'warm', 'pastel', 'corporate'],
  text: ['corporate', 'cool', 'warm', 'luxury', 'neon'],
  physics: ['vibrant', 'pastel', 'warm', 'cool', 'teal-orange'],
};
