/**
 * The procedural generator's public surface:
 *   createProceduralGenerator(options?)  -> Promise<Generator> (opens the WebGPU device, picks the backend)
 *   plan(request)                        -> ScenePlan   (`rushes plan "prompt" --json`)
 *   validatePlan(json)                   -> ScenePlan   (`rushes generate --plan FILE`; E_INVALID otherwise)
 *   planReport(request)                  -> what the job records (used and ignored words, a summary)
 *   ScenePlan / scenePlanJsonSchema      -> the plan's TypeBox type and JSON Schema
 * Planning is pure and loads neither three.js nor Dawn, so the CLI can plan on any machine.
 */
export { createProceduralGenerator, PROCEDURAL_VERSION, type ProceduralOptions, type ProceduralGenerator, type SceneTier } from './generator';
export {
  plan,
  planWithReport,
  planReport,
  validatePlan,
  planProblems,
  planPrompt,
  summarize,
  ScenePlan,
  scenePlanJsonSchema,
  type PlanRequest,
  type PlanResult,
} from './plan';
