import type { JSONOutput } from '../../apps/docs/scripts/api-model.mjs';

/** One `@example` block of a public symbol, as TypeDoc read it. */
export interface DocExample {
  /** The npm name of the entry that exports the symbol: `@rectify/tensor`, `@rectify/tensor/testing`. */
  readonly module: string;
  /** The symbol's path below its module: `relu`, `Sequential.fit`. */
  readonly symbol: string;
  /** Where the symbol is declared, relative to the repository: `packages/activations/src/catalogue/relu.ts:51`. */
  readonly source: string;
  /** The entry whose exports the example sees unimported: the one of the package (and folder) it is written in. */
  readonly home: string;
  /** The namespaces around the symbol (`['losses']` for `losses.huber`): their members are in scope too. */
  readonly namespaces: readonly string[];
  /** 1-based, among the symbol's examples (an overload's examples count on). */
  readonly index: number;
  /** The example's code: its fenced blocks (TypeDoc fences a bare example itself), joined. */
  readonly code: string;
}

type Reflection = JSONOutput.SomeReflection;

/** `packages/tensor/src/testing/x.ts` → `@rectify/tensor/testing`; `packages/layers/src/x.ts` → `@rectify/layers`. */
function homeEntry(fileName: string | undefined): string | undefined {
  const m = fileName ? /^packages\/([\w-]+)\/src\/(testing\/)?/.exec(fileName) : null;
  return m ? `@rectify/${m[1]}${m[2] ? '/testing' : ''}` : undefined;
}

/** The code of an `@example` tag: every fenced block of its content, in order. */
function exampleCode(parts: readonly JSONOutput.CommentDisplayPart[]): string {
  return parts
    .filter((p) => p.kind === 'code' && p.text.startsWith('```'))
    .map((p) => p.text.replace(/^```[^\n]*\n?/, '').replace(/\n?```$/, ''))
    .join('\n');
}

/** The reflections below `r` whose comments may hold examples: members, signatures, accessors, index signatures. */
function inner(r: Reflection): Reflection[] {
  const x = r as Partial<JSONOutput.DeclarationReflection>;
  return [
    ...(x.children ?? []),
    ...(x.signatures ?? []),
    ...(x.indexSignatures ?? []),
    ...(x.getSignature ? [x.getSignature] : []),
    ...(x.setSignature ? [x.setSignature] : []),
  ];
}

/**
 * Every `@example` of every symbol the packages' entries export (members of exported classes and interfaces
 * included), from TypeDoc's JSON model (apps/docs/scripts/api-model.mjs) — the same comments the API reference
 * shows. A symbol re-exported by several entries, or a member inherited by several classes, counts once, at its
 * declaration.
 */
export function collectExamples(project: JSONOutput.ProjectReflection): DocExample[] {
  const seen = new Set<string>();
  const examples: DocExample[] = [];
  const visit = (
    r: Reflection,
    module: string,
    path: string,
    namespaces: readonly string[],
    perSymbol: Map<string, number>,
  ): void => {
    const decl = r as Partial<JSONOutput.DeclarationReflection>;
    if (decl.inheritedFrom) return; // documented where it is declared
    const comment = 'comment' in r ? r.comment : undefined;
    const where = ('sources' in r ? r.sources?.[0] : undefined) ?? undefined;
    for (const tag of comment?.blockTags ?? []) {
      if (tag.tag !== '@example') continue;
      const code = exampleCode(tag.content);
      const key = `${where?.fileName}:${where?.line}:${code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const index = (perSymbol.get(path) ?? 0) + 1;
      perSymbol.set(path, index);
      const source = where ? `${where.fileName}:${where.line}` : '(no source)';
      examples.push({
        module,
        symbol: path,
        source,
        index,
        code,
        namespaces,
        home: homeEntry(where?.fileName) ?? module,
      });
    }
    // ReflectionKind.Namespace: an example inside `losses` may say `huber(…)`, as the file it is written in does.
    const inside = r.variant === 'declaration' && r.kind === 4 ? [...namespaces, r.name] : namespaces;
    for (const child of inner(r)) {
      const isSignature = child.variant === 'signature';
      visit(child, module, isSignature ? path : path ? `${path}.${child.name}` : child.name, inside, perSymbol);
    }
  };
  for (const mod of project.children ?? []) visit(mod, mod.name, '', [], new Map());
  return examples;
}
