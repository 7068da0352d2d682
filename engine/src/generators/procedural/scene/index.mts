/** Picks the scene builder for a plan's archetype, and adds the title overlay when the plan has text. */
import type { BuildContext, Shot } from './common.mjs';
import { buildNature } from './nature.mjs';
import { buildUrban } from './urban.mjs';
import { buildAbstract } from './abstract.mjs';
import { buildProductShot } from './product.mjs';
import { buildPhysicsShot } from './physics.mjs';
import { buildTextShot, buildTextOverlay } from './text.mjs';
import { buildWindowRain } from './window-rain.mjs';
import { buildSpace } from './space.mjs';
import { buildUnderwater } from './underwater.mjs';
import { buildPond } from './pond.mjs';
import { buildKeyField } from './key-field.mjs';
import { buildFireplace } from './fireplace.mjs';
import { creditsOverlay } from './credits.mjs';
import { typewriterOverlay } from './typewriter.mjs';
import { progressOverlay } from './progress.mjs';
import { codeOverlay } from './code-editor.mjs';
import { tickerOverlay } from './ticker.mjs';

export async function buildShot(ctx: BuildContext): Promise<Shot> {
  let shot: Shot;
  switch (ctx.plan.archetype) {
    case 'urban':
      shot = buildUrban(ctx);
      break;
    case 'abstract':
      shot = ctx.plan.subjects.some((s) => s.kind === 'chroma-key') ? buildKeyField(ctx) : ctx.plan.setting === 'space' ? buildSpace(ctx) : ctx.plan.subjects.some((s) => s.kind === 'raindrops') ? buildWindowRain(ctx) : buildAbstract(ctx);
      break;
    case 'product':
      shot = ctx.plan.subjects[0]?.kind === 'fireplace' ? buildFireplace(ctx) : buildProductShot(ctx);
      break;
    case 'physics':
      shot = await buildPhysicsShot(ctx);
      break;
    case 'text':
      shot = buildTextShot(ctx);
      break;
    case 'nature':
    default:
      shot = ctx.plan.setting === 'underwater' ? buildUnderwater(ctx) : ctx.plan.setting === 'pond' || ctx.plan.setting === 'pool' ? buildPond(ctx) : buildNature(ctx);
  }
  const text = ctx.plan.text;
  if (text) shot.overlay = text.mode === 'credits' ? creditsOverlay(ctx, text) : text.mode === 'progress' ? progressOverlay(ctx, text) : text.mode === 'code' ? codeOverlay(ctx, text) : text.mode === 'ticker' ? tickerOverlay(ctx, text) : text.mode === 'title' && text.reveal === 'typewriter' ? typewriterOverlay(ctx, text) : buildTextOverlay(ctx, text);
  return shot;
}
