import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout: real data sets and reference fixtures. */
export const SHARED = path.resolve(REPO, '../shared');

export const repoFile = (...parts: string[]): Uint8Array => new Uint8Array(fs.readFileSync(path.join(REPO, ...parts)));
export const sharedFile = (...parts: string[]): Uint8Array => new Uint8Array(fs.readFileSync(path.join(SHARED, ...parts)));
export const sharedText = (...parts: string[]): string => fs.readFileSync(path.join(SHARED, ...parts), 'utf8');
export const repoText = (...parts: string[]): string => fs.readFileSync(path.join(REPO, ...parts), 'utf8');
