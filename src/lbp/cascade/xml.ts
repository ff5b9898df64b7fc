import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FacetsError } from '../../core/errors.js';

/** Limits of the cascade XML reader; a file past any of them is rejected with `E_TOO_LARGE`. */
export const CASCADE_XML_LIMITS = {
  /**
   * OpenCV's largest shipped cascade (haarcascade_frontalface_alt_tree) is ~2.6 MB. The cap is
   * kept near that because a file under it is parsed in full before the count limits of read.ts
   * apply (about 0.6 s of CPU per MiB of XML).
   */
  maxChars: 4 * 1024 * 1024,
  /** The XML nesting of the format is 6 deep; fast-xml-parser stops past this. */
  maxNestedTags: 32,
};

/** A parsed XML element: text, or an object of children (arrays for `<_>` sequences). */
export type XmlNode = string | XmlObject | XmlNode[];
export interface XmlObject {
  [name: string]: XmlNode;
}

const FN = 'loadCascade';

/** An E_BAD_MODEL error naming the function. */
export function badModel(msg: string): FacetsError {
  return new FacetsError('E_BAD_MODEL', `${FN}: ${msg}`);
}

/**
 * Parses cascade XML text into a plain tree, safely.
 * requires: nothing (any string).
 * ensures: returns the first top-level element under `<opencv_storage>` and its name, or throws
 *   E_BAD_MODEL (not XML, truncated, wrong root, DOCTYPE/entities) / E_TOO_LARGE (size).
 *   Entities are never expanded (`processEntities: false`); a DOCTYPE is refused outright, since
 *   OpenCV's FileStorage writes none and it is the vector of entity-expansion attacks.
 */
export function parseXmlTree(text: string): { name: string; node: XmlObject } {
  if (typeof text !== 'string') throw new FacetsError('E_BAD_ARGUMENT', `${FN}: expected XML text (a string), got ${typeof text}`);
  if (text.length > CASCADE_XML_LIMITS.maxChars) {
    throw new FacetsError('E_TOO_LARGE', `${FN}: XML has ${text.length} characters, more than the limit ${CASCADE_XML_LIMITS.maxChars}`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw badModel('DOCTYPE/ENTITY declarations are not allowed in a cascade file');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw badModel(`not well-formed XML (${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col})`);
  }
  let doc: unknown;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      trimValues: true,
      maxNestedTags: CASCADE_XML_LIMITS.maxNestedTags,
      // OpenCV writes sequences as repeated `<_>` elements; keep them arrays even when single.
      isArray: (name: string) => name === '_',
    });
    doc = parser.parse(text);
  } catch (e) {
    throw badModel(`XML parser failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(doc)) throw badModel('empty document');
  const storage = doc['opencv_storage'];
  if (storage === undefined) {
    const roots = Object.keys(doc).join(', ') || '(none)';
    throw badModel(`root element must be <opencv_storage>, found ${roots}`);
  }
  if (!isObject(storage)) throw badModel('<opencv_storage> is empty');
  const names = Object.keys(storage).filter((k) => !k.startsWith('@_'));
  if (names.length === 0) throw badModel('<opencv_storage> has no cascade element');
  const name = names[0]!;
  const node = storage[name];
  if (!isObject(node)) throw badModel(`<${name}> must contain elements`);
  return { name, node };
}

/** True for a plain parsed element object (not text, not a sequence). */
export function isObject(v: unknown): v is XmlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The single child `<key>` of `node`; E_BAD_MODEL when missing or repeated. */
export function child(node: XmlObject, key: string, where: string): XmlNode {
  const v = node[key];
  if (v === undefined) throw badModel(`${where}: missing <${key}>`);
  if (Array.isArray(v) && key !== '_') throw badModel(`${where}: <${key}> appears more than once`);
  return v;
}

/** Text content of `<key>` (trimmed). */
export function text(node: XmlObject, key: string, where: string): string {
  const v = child(node, key, where);
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v['#text'] === 'string') return v['#text'];
  throw badModel(`${where}: <${key}> must hold text`);
}

/** The `<_>` items of `<key>` (OpenCV's sequence notation); an empty element gives []. */
export function items(node: XmlObject, key: string, where: string): XmlNode[] {
  const v = child(node, key, where);
  if (v === '') return [];
  if (!isObject(v)) throw badModel(`${where}: <${key}> must be a sequence of <_> elements`);
  const seq = v['_'];
  if (seq === undefined) return [];
  if (!Array.isArray(seq)) throw badModel(`${where}: <${key}> must be a sequence of <_> elements`);
  return seq;
}

/** Whitespace-separated numbers of a text node (OpenCV FileStorage "inline sequence"). */
export function numbers(s: XmlNode, where: string, maxCount: number): number[] {
  if (typeof s !== 'string') throw badModel(`${where}: expected a list of numbers`);
  const t = s.trim();
  if (t === '') return [];
  const parts = t.split(/\s+/);
  if (parts.length > maxCount) throw badModel(`${where}: ${parts.length} numbers, more than the limit ${maxCount}`);
  const out = new Array<number>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = num(parts[i]!, where);
  return out;
}

/** One finite number in C `strtod` syntax (what FileStorage accepts: `-1.`, `9.5e-001`). */
export function num(s: string, where: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw badModel(`${where}: "${s.slice(0, 40)}" is not a number`);
  const v = Number(s);
  if (!Number.isFinite(v)) throw badModel(`${where}: "${s.slice(0, 40)}" is not a finite number`);
  return v;
}

/** An int32 (OpenCV reads these fields as `int`). */
export function int(v: number, where: string, min = -2147483648, max = 2147483647): number {
  if (!Number.isInteger(v) || v < min || v > max) throw badModel(`${where}: expected an integer in ${min}..${max}, got ${v}`);
  return v;
}
