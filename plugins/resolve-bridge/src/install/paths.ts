/**
 * Where Resolve looks for things, per OS, as Blackmagic's READMEs give them:
 * - Workflow Integration Plugins root (Developer/Workflow Integrations/README.txt): macOS
 *   "/Library/Application Support/Blackmagic Design/DaVinci Resolve/Workflow Integration Plugins/",
 *   Windows "%PROGRAMDATA%\Blackmagic Design\DaVinci Resolve\Support\Workflow Integration Plugins\";
 *   plugins are "not supported on Linux currently".
 * - WorkflowIntegration.node ships with Resolve Studio in the Developer folder's examples
 *   (Developer/Workflow Integrations/Examples/SamplePlugin/).
 * - Scripts listed under Workspace > Scripts (Developer/Scripting/README.txt): per user, macOS
 *   "~/Library/Application Support/Blackmagic Design/DaVinci Resolve/Fusion/Scripts", Windows
 *   "%APPDATA%\Blackmagic Design\DaVinci Resolve\Support\Fusion\Scripts", Linux
 *   "$HOME/.local/share/DaVinciResolve/Fusion/Scripts"; the Utility subfolder lists a script on every page.
 */
import os from 'node:os';
import path from 'node:path';

export const PLUGIN_FOLDER = 'com.rushes.resolve';
export const LUA_SCRIPT_NAME = 'Rushes Fill Markers.lua';

export type Platform = 'darwin' | 'win32' | 'linux' | string;

export interface ResolvePaths {
  /** Workflow Integration Plugins root; null where Resolve has none (Linux). */
  pluginsRoot: string | null;
  /** Where Blackmagic's WorkflowIntegration.node may be found, most likely first. */
  workflowIntegrationNode: string[];
  /** Per-user Scripts folder for the Lua script (Utility: listed on every page). */
  scriptsDir: string;
}

export function resolvePaths(platform: Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): ResolvePaths {
  if (platform === 'darwin') {
    const support = '/Library/Application Support/Blackmagic Design/DaVinci Resolve';
    const examples = path.posix.join(support, 'Developer', 'Workflow Integrations', 'Examples');
    return {
      pluginsRoot: path.posix.join(support, 'Workflow Integration Plugins'),
      workflowIntegrationNode: [path.posix.join(examples, 'SamplePlugin', 'WorkflowIntegration.node')],
      scriptsDir: path.posix.join(home, 'Library', 'Application Support', 'Blackmagic Design', 'DaVinci Resolve', 'Fusion', 'Scripts', 'Utility'),
    };
  }
  if (platform === 'win32') {
    const programData = env.PROGRAMDATA || env.ProgramData || 'C:\\ProgramData';
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    const support = path.win32.join(programData, 'Blackmagic Design', 'DaVinci Resolve', 'Support');
    const examples = path.win32.join(support, 'Developer', 'Workflow Integrations', 'Examples');
    return {
      pluginsRoot: path.win32.join(support, 'Workflow Integration Plugins'),
      workflowIntegrationNode: [path.win32.join(examples, 'SamplePlugin', 'WorkflowIntegration.node')],
      scriptsDir: path.win32.join(appData, 'Blackmagic Design', 'DaVinci Resolve', 'Support', 'Fusion', 'Scripts', 'Utility'),
    };
  }
  return {
    pluginsRoot: null,
    workflowIntegrationNode: [],
    scriptsDir: path.posix.join(home, '.local', 'share', 'DaVinciResolve', 'Fusion', 'Scripts', 'Utility'),
  };
}
