/**
 * The active project and sequence, with the "nothing open" cases turned into errors the panel can show.
 * The declarations type both getters as never null, but Premiere returns null when nothing is open, so
 * each result is checked.
 */
import type { premierepro, Project, Sequence } from '@adobe/premierepro';
import { HostError, HostErrorCode } from './errors';

export async function activeProject(ppro: premierepro): Promise<Project> {
  const project: Project | null | undefined = await ppro.Project.getActiveProject();
  if (!project) {
    throw new HostError(HostErrorCode.NO_PROJECT, 'No Premiere Pro project is open. Open or create a project, then try again.');
  }
  return project;
}

export async function activeSequence(project: Project): Promise<Sequence> {
  const sequence: Sequence | null | undefined = await project.getActiveSequence();
  if (!sequence) {
    throw new HostError(
      HostErrorCode.NO_SEQUENCE,
      'No sequence is open. Open a sequence in the Timeline panel (or create one), then try again.',
    );
  }
  return sequence;
}

/** Project and sequence together, the usual start of every edit. */
export async function activeContext(ppro: premierepro): Promise<{ project: Project; sequence: Sequence }> {
  const project = await activeProject(ppro);
  const sequence = await activeSequence(project);
  return { project, sequence };
}

/** A stable key for per-project panel state (history): the project's GUID, else its path. */
export async function projectIdentity(ppro: premierepro): Promise<{ key: string; name: string } | null> {
  const project: Project | null | undefined = await ppro.Project.getActiveProject();
  if (!project) return null;
  let key = '';
  try {
    key = project.guid.toString();
  } catch {
    key = '';
  }
  return { key: key || project.path || project.name, name: project.name };
}
