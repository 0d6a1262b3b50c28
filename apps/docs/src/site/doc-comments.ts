import { statSync } from 'node:fs';
import type { JSONOutput } from 'typedoc';
import { API_JSON, readApiJson } from '../../scripts/api-model.mjs';

/** The parts of one activation's TSDoc comment the Activations page shows. */
export interface ActivationDoc {
  readonly summary: string;
  readonly formula: string;
  readonly derivative: string;
  readonly reference: string;
}

type Project = JSONOutput.ProjectReflection;
type Comment = JSONOutput.Comment;

let loaded: { mtimeMs: number; project: Project } | undefined;

/**
 * TypeDoc's model of the API (scripts/api-model.mjs), read once per change of .generated/api.json. The build,
 * `pnpm docs` and the tests make sure it is fresh first (`apiModel()`); a missing or stale one is an error here,
 * never a page rendered from old comments.
 */
export function apiProject(): Project {
  const mtimeMs = statSync(API_JSON, { throwIfNoEntry: false })?.mtimeMs;
  if (loaded && loaded.mtimeMs === mtimeMs) return loaded.project;
  const project = mtimeMs === undefined ? null : readApiJson();
  if (!project)
    throw new Error(
      `docs: ${API_JSON} is missing or older than the package sources; run \`pnpm --filter docs api\` (or await apiModel())`,
    );
  loaded = { mtimeMs: mtimeMs!, project };
  return project;
}

const REFERENCE = 4194304; // ReflectionKind.Reference
const FUNCTION = 64; // ReflectionKind.Function

const ids = new WeakMap<Project, Map<number, JSONOutput.DeclarationReflection>>();

/** Every declaration of the project by id (to follow references). */
function byId(project: Project): Map<number, JSONOutput.DeclarationReflection> {
  let map = ids.get(project);
  if (!map) {
    map = new Map();
    const visit = (r: JSONOutput.DeclarationReflection | Project): void => {
      for (const c of r.children ?? []) {
        map!.set(c.id, c);
        visit(c);
      }
    };
    visit(project);
    ids.set(project, map);
  }
  return map;
}

/** A comment's display parts as markdown text, with `{@link X}` reduced to `X`. */
function partsText(parts: readonly JSONOutput.CommentDisplayPart[]): string {
  return parts.map((p) => (p.kind === 'inline-tag' ? `\`${p.text}\`` : p.text)).join('');
}

/** The whole comment as written (summary, then each block tag on its own line), for the labelled sections below. */
function commentText(comment: Comment): string {
  const tags = (comment.blockTags ?? []).map((t) => `\n${t.tag} ${partsText(t.content)}`);
  return [partsText(comment.summary), ...tags].join('\n').trim();
}

/** The text after `label` up to the first of `ends` (or the end), joined into one line. */
function section(text: string, label: RegExp, ends: RegExp): string {
  const m = label.exec(text);
  if (!m) return '';
  const rest = text.slice(m.index + m[0].length);
  const end = ends.exec(rest);
  return (end ? rest.slice(0, end.index) : rest).replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The doc comment of `@rectify/activations`' exported function `name`, as TypeDoc read it, split into the parts
 * the Activations page shows: the formulas there are the ones written beside the code, never a second copy.
 * @example activationDoc('relu').formula // → 'f(x) = max(x, 0).'
 */
export function activationDoc(name: string, project: Project = apiProject()): ActivationDoc {
  const pkg = project.children?.find((m) => m.name === '@rectify/activations');
  const exported = pkg?.children?.find((c) => c.name === name);
  // Where the umbrella, converted first, re-exports the function, the package's entry holds a reference to it.
  const target = exported?.kind === REFERENCE ? (exported as { target?: number }).target : undefined;
  const fn = target === undefined ? exported : byId(project).get(target);
  const comment = fn?.kind === FUNCTION ? fn.signatures?.find((s) => s.comment)?.comment : undefined;
  if (!comment) throw new Error(`docs: @rectify/activations exports no documented function '${name}'`);
  const text = commentText(comment);
  const tags = /\n\s*@(param|returns|example)\b|\nReference:/;
  return {
    summary: text
      .split(/\n\s*\n|\nFormula:/)[0]!
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
    formula: section(text, /Formula:\s*/, /\s*Derivatives?:|\n\s*\n|\n\s*@/),
    derivative: section(text, /Derivatives?:\s*/, new RegExp(`${tags.source}|\\n\\s*\\n`)),
    reference: section(text, /\nReference:\s*/, /\n\s*@|\n\s*\n/),
  };
}
