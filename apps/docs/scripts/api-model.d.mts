// Types of api-model.mjs for the TypeScript that imports it (the site's pages and the doctest).
import type { JSONOutput } from 'typedoc';

export type { JSONOutput };
export const API_JSON: string;
export function apiPackages(): Record<string, string>;
export function apiStamp(): string;
export function readApiJson(stamp?: string): JSONOutput.ProjectReflection | null;
export function apiModel(): Promise<JSONOutput.ProjectReflection>;
