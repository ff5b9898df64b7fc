import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage, type Image } from '../../src/image/index.js';

/** The repository root (two levels above this file). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared beside the checkout: data sets and reference fixtures. */
export const SHARED = path.resolve(REPO, '../shared');

export const sharedPath = (...parts: string[]): string => path.join(SHARED, ...parts);
export const readJson = <T = unknown>(...parts: string[]): T => JSON.parse(fs.readFileSync(sharedPath(...parts), 'utf8')) as T;
export const readShared = (...parts: string[]): Uint8Array => fs.readFileSync(sharedPath(...parts));
export const readSharedImage = (...parts: string[]): Image => decodeImage(readShared(...parts));
