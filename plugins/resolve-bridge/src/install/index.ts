/**
 * Installs (or removes) Rushes in DaVinci Resolve: the Workflow Integration plugin folder into Resolve's
 * plugins root (Studio, macOS and Windows), and the Lua script into the per-user Scripts folder (every
 * edition and OS). Resolve scans both only at start-up, so it must be restarted afterwards.
 *
 * Blackmagic's WorkflowIntegration.node is never part of our build: when the user's Resolve has it in its
 * Developer examples, the installer copies that file into the installed plugin; otherwise the plugin looks
 * for it at run time and says where to get it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LUA_SCRIPT_NAME, PLUGIN_FOLDER, resolvePaths, type Platform } from './paths';

export { resolvePaths, PLUGIN_FOLDER, LUA_SCRIPT_NAME, type ResolvePaths } from './paths';

export interface InstallOptions {
  /** Remove instead of install. */
  uninstall?: boolean;
  /** Plugins root to install into instead of Resolve's (the plugin lands in DEST/com.rushes.resolve). */
  dest?: string;
  /** Scripts folder to put the Lua script in instead of the per-user one. */
  scriptsDest?: string;
  /** Install the Lua script (free edition route). Default true. */
  script?: boolean;
  /** Install the Workflow Integration plugin. Default true where Resolve supports it (not Linux). */
  plugin?: boolean;
  /** Built plugin folder; default: this package's build/com.rushes.resolve. */
  source?: string;
  /** Lua script to install; default: this package's lua/Rushes Fill Markers.lua. */
  scriptSource?: string;
  /** WorkflowIntegration.node to copy in, when Resolve is installed somewhere else. */
  workflowIntegrationNode?: string;
  /** For tests. */
  platform?: Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface InstallResult {
  pluginDir: string | null;
  scriptPath: string | null;
  /** What happened to WorkflowIntegration.node in the installed plugin. */
  workflowIntegrationNode: 'copied' | 'missing' | 'not-applicable';
  /** Lines to show the user, in order. */
  messages: string[];
}

export class InstallError extends Error {
  readonly code = 'E_INSTALL';
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
  }
}

const packageRoot = path.resolve(__dirname, '..', '..');

export function defaultPluginSource(): string {
  return path.join(packageRoot, 'build', PLUGIN_FOLDER);
}

export function defaultScriptSource(): string {
  return path.join(packageRoot, 'lua', LUA_SCRIPT_NAME);
}

function explainFsError(e: unknown, target: string): never {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    throw new InstallError(
      `No permission to write ${target}. Resolve's plugin folder belongs to all users: run the command again as an administrator (macOS: sudo; Windows: an elevated terminal), or pass --dest to install elsewhere.`,
    );
  }
  throw new InstallError(`Could not write ${target}: ${err.message}`);
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(a, b);
    else if (entry.isFile()) fs.copyFileSync(a, b);
  }
}

export function installResolvePlugin(options: InstallOptions = {}): InstallResult {
  const platform = options.platform ?? process.platform;
  const paths = resolvePaths(platform, options.env ?? process.env, options.home);
  const messages: string[] = [];
  const result: InstallResult = { pluginDir: null, scriptPath: null, workflowIntegrationNode: 'not-applicable', messages };
  const wantPlugin = options.plugin ?? true;
  const wantScript = options.script ?? true;
  const pluginsRoot = options.dest ?? paths.pluginsRoot;

  if (wantPlugin) {
    if (!pluginsRoot) {
      messages.push('Workflow Integration plugins are not supported by Resolve on Linux (Blackmagic: "not supported on Linux currently"); use the Lua script (Workspace > Scripts) instead.');
    } else {
      const target = path.join(pluginsRoot, PLUGIN_FOLDER);
      result.pluginDir = target;
      if (options.uninstall) {
        try {
          fs.rmSync(target, { recursive: true, force: true });
        } catch (e) {
          explainFsError(e, target);
        }
        messages.push(`Removed the plugin from ${target}.`);
      } else {
        const source = options.source ?? defaultPluginSource();
        if (!fs.existsSync(path.join(source, 'manifest.xml'))) {
          throw new InstallError(`The plugin is not built (${source} has no manifest.xml). Run \`npm run build -w @rushes/resolve-bridge\` first.`);
        }
        try {
          // A clean copy: files left from an older version must not linger.
          fs.rmSync(target, { recursive: true, force: true });
          copyDir(source, target);
        } catch (e) {
          explainFsError(e, target);
        }
        messages.push(`Installed the Workflow Integration plugin in ${target}.`);
        const candidates = options.workflowIntegrationNode ? [options.workflowIntegrationNode] : paths.workflowIntegrationNode;
        const node = candidates.find((p) => fs.existsSync(p));
        if (node) {
          try {
            fs.copyFileSync(node, path.join(target, 'WorkflowIntegration.node'));
          } catch (e) {
            explainFsError(e, path.join(target, 'WorkflowIntegration.node'));
          }
          result.workflowIntegrationNode = 'copied';
          messages.push(`Copied Blackmagic's WorkflowIntegration.node from ${node}.`);
        } else {
          result.workflowIntegrationNode = 'missing';
          messages.push(
            `Blackmagic's WorkflowIntegration.node was not found${candidates.length ? ` (looked in ${candidates.join(', ')})` : ''}. ` +
              `It comes with DaVinci Resolve Studio in Developer/Workflow Integrations/Examples/SamplePlugin: copy it into ${target}.`,
          );
        }
      }
    }
  }

  if (wantScript) {
    const dir = options.scriptsDest ?? paths.scriptsDir;
    const target = path.join(dir, LUA_SCRIPT_NAME);
    result.scriptPath = target;
    try {
      if (options.uninstall) {
        fs.rmSync(target, { force: true });
        messages.push(`Removed the Lua script ${target}.`);
      } else {
        const source = options.scriptSource ?? defaultScriptSource();
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(source, target);
        messages.push(`Installed the Lua script in ${target} (Workspace > Scripts > Utility).`);
      }
    } catch (e) {
      explainFsError(e, target);
    }
  }
  messages.push(options.uninstall ? 'Restart DaVinci Resolve to finish removing Rushes.' : 'Restart DaVinci Resolve: it looks for plugins and scripts only when it starts.');
  return result;
}
