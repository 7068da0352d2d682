/**
 * `npm run install:resolve` / `npm run uninstall:resolve`: copies the built plugin folder into Resolve's
 * Workflow Integration Plugins folder and the Lua script into the Scripts folder (or removes them).
 *
 *   tsx scripts/install.ts [--uninstall] [--dest DIR] [--scripts-dest DIR] [--wi-node FILE] [--no-plugin] [--no-script]
 */
import { InstallError, installResolvePlugin, type InstallOptions } from '../src/install';

function parse(argv: string[]): InstallOptions {
  const o: InstallOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new InstallError(`${a} needs a value.`);
      return v;
    };
    if (a === '--uninstall') o.uninstall = true;
    else if (a === '--dest') o.dest = value();
    else if (a === '--scripts-dest') o.scriptsDest = value();
    else if (a === '--wi-node') o.workflowIntegrationNode = value();
    else if (a === '--no-plugin') o.plugin = false;
    else if (a === '--no-script') o.script = false;
    else throw new InstallError(`Unknown option ${a}. Options: --uninstall, --dest DIR, --scripts-dest DIR, --wi-node FILE, --no-plugin, --no-script.`);
  }
  return o;
}

try {
  const result = installResolvePlugin(parse(process.argv.slice(2)));
  for (const line of result.messages) console.log(line);
} catch (e) {
  console.error(e instanceof InstallError ? e.message : e);
  process.exit(1);
}
