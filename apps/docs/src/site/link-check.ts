import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One link that leads nowhere. */
export interface BrokenLink {
  /** The page it is on, relative to the site root. */
  readonly page: string;
  readonly href: string;
  readonly reason: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

const ATTR = /\s(?:href|src)\s*=\s*"([^"]*)"/g;
const ANCHOR = /\s(?:id|name)\s*=\s*"([^"]*)"/g;

/** Targets that are not files of the site: other sites, mail, scripts, data. */
function isExternal(href: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href);
}

/**
 * Checks every internal `href` and `src` of every HTML file under `root`: the file must exist (a folder needs an
 * index.html), and a `#fragment` must name an `id` (or `name`) in the target page. External links are not
 * followed — the build must not depend on the network.
 * @example checkLinks('dist').length // 0 for a healthy site
 */
export function checkLinks(root: string): BrokenLink[] {
  const site = resolve(root);
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string): Set<string> => {
    let set = anchors.get(file);
    if (!set) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(ANCHOR)].map((m) => m[1]!));
      anchors.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles(site)) {
    const html = readFileSync(file, 'utf8');
    const page = relative(site, file);
    for (const [, raw] of html.matchAll(ATTR)) {
      const href = raw!.replace(/&amp;/g, '&');
      if (href === '' || href === '#' || isExternal(href)) continue;
      const [pathPart, fragment] = href.split('#', 2) as [string, string | undefined];
      const path = decodeURIComponent(pathPart.split('?')[0]!);
      let target = path === '' ? file : path.startsWith('/') ? join(site, path) : resolve(dirname(file), path);
      if (!target.startsWith(site)) {
        broken.push({ page, href, reason: 'points outside the site' });
        continue;
      }
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
      if (!existsSync(target)) {
        broken.push({ page, href, reason: `no file ${relative(site, target)}` });
        continue;
      }
      if (fragment && target.endsWith('.html') && !anchorsOf(target).has(decodeURIComponent(fragment))) {
        broken.push({ page, href, reason: `no id '${fragment}' in ${relative(site, target)}` });
      }
    }
  }
  return broken;
}
