/**
 * The "Rushes" bin: created once, found again by name, and the place every clip is imported into.
 *
 * Traps handled here (see HOSTS.md):
 * - `importFiles` resolves to a boolean only, so the new item is found by listing the bin and matching
 *   media paths; `findItemsMatchingMediaPath` is not used, since it was seen returning nothing for a
 *   freshly imported file.
 * - `importFiles` with an `undefined` target bin throws "Illegal Parameter type": the bin is always
 *   passed as the plain ProjectItem from the root listing.
 * - Every `create*Action` must run inside `lockedAccess` (26.3+), so the bin is created there.
 * - Actions want the plain ProjectItem: `ClipProjectItem.cast` is used only to read the media path and
 *   the wrapper never leaves this module.
 */
import type { premierepro, Project, ProjectItem } from '@adobe/premierepro';
import { HostError, HostErrorCode } from './errors';
import { sameMediaPath } from './paths';
import { runTransaction } from './transaction';

export const DEFAULT_BIN_NAME = 'Rushes';

/** The top-level bin with this exact name, as the plain ProjectItem from the root listing, or null. */
export async function findBin(ppro: premierepro, project: Project, name: string): Promise<ProjectItem | null> {
  const root = await project.getRootItem();
  const items = await root.getItems();
  return items.find((item) => item.type === ppro.ProjectItem.TYPE_BIN && item.name === name) ?? null;
}

/**
 * Returns the bin named `name` at the project root, creating it (one undo step) when it is missing.
 * Runs no edit when the bin exists, so calling it before every placement costs one listing.
 */
export async function ensureBin(ppro: premierepro, project: Project, name: string = DEFAULT_BIN_NAME): Promise<ProjectItem> {
  const existing = await findBin(ppro, project, name);
  if (existing) return existing;
  const root = await project.getRootItem();
  // Everything awaited is done; the action is created inside the lock.
  runTransaction(project, `Rushes: create bin "${name}"`, () => [root.createBinAction(name, true)], HostErrorCode.BIN);
  const created = await findBin(ppro, project, name);
  if (!created) {
    throw new HostError(HostErrorCode.BIN, `Created the "${name}" bin but cannot find it in the project. Is a bin being renamed?`);
  }
  return created;
}

/**
 * The clip in `bin` whose media is `mediaPath`, as the plain ProjectItem (what edit actions accept),
 * or null. Sub-bins are skipped; items whose media path cannot be read (sequences, offline items) are
 * not matches.
 */
export async function findItemByMediaPath(ppro: premierepro, bin: ProjectItem, mediaPath: string): Promise<ProjectItem | null> {
  const items = await ppro.FolderItem.cast(bin).getItems();
  for (const item of items) {
    if (item.type === ppro.ProjectItem.TYPE_BIN) continue;
    let itemPath: string;
    try {
      itemPath = await ppro.ClipProjectItem.cast(item).getMediaFilePath();
    } catch {
      continue;
    }
    if (itemPath && sameMediaPath(itemPath, mediaPath)) return item;
  }
  return null;
}

export interface ImportOptions {
  /** How many times to list the bin again when the import succeeded but the item is not there yet. */
  findRetries?: number;
  /** Waits between those listings (injected so tests need no timers). */
  wait?: (ms: number) => Promise<void>;
  retryDelayMs?: number;
}

/**
 * The bin's item for `mediaPath`, importing the file first when the bin does not hold it yet, so a
 * second placement of the same clip reuses the item instead of importing a duplicate.
 */
export async function importIntoBin(
  ppro: premierepro,
  project: Project,
  bin: ProjectItem,
  mediaPath: string,
  options: ImportOptions = {},
): Promise<{ item: ProjectItem; imported: boolean }> {
  const existing = await findItemByMediaPath(ppro, bin, mediaPath);
  if (existing) return { item: existing, imported: false };

  let ok: boolean;
  try {
    // suppressUI: no dialogs over the editor's work; asNumberedStills: false, we import movie files.
    ok = await project.importFiles([mediaPath], true, bin, false);
  } catch (e) {
    throw new HostError(HostErrorCode.IMPORT_FAILED, `Premiere could not import ${mediaPath}: ${describe(e)}.`, { path: mediaPath });
  }
  if (ok !== true) {
    throw new HostError(
      HostErrorCode.IMPORT_FAILED,
      `Premiere could not import ${mediaPath}. Check that the file exists and that this machine can read it.`,
      { path: mediaPath },
    );
  }

  const retries = options.findRetries ?? 10;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    const item = await findItemByMediaPath(ppro, bin, mediaPath);
    if (item) return { item, imported: true };
    if (attempt >= retries) break;
    // Import can finish a moment after its promise on a busy machine; look again shortly.
    await wait(options.retryDelayMs ?? 100);
  }
  throw new HostError(
    HostErrorCode.ITEM_NOT_FOUND,
    `Premiere imported ${mediaPath} but the clip is not in the "${bin.name}" bin. Was it moved or renamed?`,
    { path: mediaPath },
  );
}

function describe(e: unknown): string {
  if (!e) return '';
  return e instanceof Error ? e.message : String(e);
}
