/**
 * Blackmagic's WorkflowIntegration.node: the native module through which a Workflow Integration plugin
 * reaches Resolve. It ships with DaVinci Resolve Studio and is never part of our build; we load the copy in
 * the plugin folder (the installer puts it there) or the one in Resolve's Developer examples.
 *
 * Its API (Developer/Workflow Integrations/README.txt): Initialize(pluginId) -> Bool, GetResolve() ->
 * Resolve, CleanUp() -> Bool, SetAPITimeout(secs); Resolve 20.1+ adds InitializePromise and
 * GetResolvePromise, whose objects return Promises from every method.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolveApi } from '../host/types';

export interface WorkflowIntegrationModule {
  Initialize?(pluginId: string): boolean;
  InitializePromise?(pluginId: string): Promise<boolean>;
  GetResolve?(): ResolveApi | null | undefined;
  GetResolvePromise?(): Promise<ResolveApi | null | undefined>;
  CleanUp?(): boolean;
  SetAPITimeout?(seconds: number): boolean;
}

export class WorkflowIntegrationError extends Error {
  constructor(
    readonly code: 'E_WI_MISSING' | 'E_WI_LOAD' | 'E_WI_INIT',
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowIntegrationError';
  }
}

/**
 * Loads the first candidate that exists. Missing everywhere: an error that names where the file comes from
 * and where to put it. Present but unloadable (wrong OS or architecture, another Resolve version): says so.
 */
export function loadWorkflowIntegration(candidates: readonly string[], load: (file: string) => unknown, pluginDir: string): WorkflowIntegrationModule {
  const found = candidates.filter((c) => fs.existsSync(c));
  if (!found.length) {
    const from = candidates.filter((c) => path.dirname(c) !== pluginDir);
    throw new WorkflowIntegrationError(
      'E_WI_MISSING',
      `Rushes needs Blackmagic's WorkflowIntegration.node, which comes with DaVinci Resolve Studio (Workflow Integrations are a Studio feature). ` +
        `Copy it from ${from.length ? from.join(' or ') : "Resolve's Developer/Workflow Integrations/Examples/SamplePlugin folder"} into ${pluginDir}, then reopen Workspace > Workflow Integrations > Rushes. ` +
        `On the free edition use the Lua script instead (Workspace > Scripts).`,
    );
  }
  const problems: string[] = [];
  for (const file of found) {
    try {
      return load(file) as WorkflowIntegrationModule;
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
    }
  }
  throw new WorkflowIntegrationError(
    'E_WI_LOAD',
    `WorkflowIntegration.node is there but could not be loaded (${problems.join('; ')}). Copy the one from this Resolve's own Developer folder (it must match the Resolve version and this computer).`,
  );
}

/** Initialize then GetResolve, preferring the promise forms where this Resolve has them. */
export async function connectResolve(wi: WorkflowIntegrationModule, pluginId: string): Promise<ResolveApi> {
  const initialized = wi.InitializePromise ? await wi.InitializePromise(pluginId) : wi.Initialize ? wi.Initialize(pluginId) : false;
  if (!initialized) {
    throw new WorkflowIntegrationError(
      'E_WI_INIT',
      `Resolve refused to initialize the plugin "${pluginId}". Open it from Workspace > Workflow Integrations inside DaVinci Resolve Studio (the id must match manifest.xml).`,
    );
  }
  const resolve = wi.GetResolvePromise ? await wi.GetResolvePromise() : wi.GetResolve ? wi.GetResolve() : null;
  if (!resolve) throw new WorkflowIntegrationError('E_WI_INIT', 'Resolve did not hand over its scripting object. Is a project open?');
  return resolve;
}

/** CleanUp on quit; safe to call twice and on a module that never initialized. */
export function cleanUp(wi: WorkflowIntegrationModule | null): void {
  try {
    wi?.CleanUp?.();
  } catch {
    /* quitting anyway */
  }
}
