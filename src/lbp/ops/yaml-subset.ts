import { FacetsError } from '../../core/errors.js';
import { findKeyColon, hasClosingBracket, splitFlow, stripComment, unescapeDouble, unquoteKey } from './yaml-lex.js';

/**
 * A reader for the subset of YAML that OpenCV's FileStorage writes (persistence_yml.cpp):
 * a `%YAML:1.x` header, `---`, block maps (`key: value`), block sequences (`- item`), `!!tag`s
 * (`!!opencv-matrix`), flow sequences of scalars (`[ 1, 2,\n 3 ]`, over many lines), empty `[]`
 * and `{}`, plain, "double" and 'single' quoted scalars and `#` comments. Anchors, aliases,
 * multi-line scalars and nested flow collections are not OpenCV output and are rejected.
 * Every error is `E_BAD_MODEL` naming the caller and the line.
 */
export type YamlNode =
  | { kind: 'map'; tag?: string; line: number; entries: Map<string, YamlNode> }
  | { kind: 'seq'; tag?: string; line: number; items: YamlNode[] }
  | { kind: 'scalar'; tag?: string; line: number; value: string; quoted: boolean };

/** Nesting deeper than this is not an OpenCV model. */
const MAX_DEPTH = 32;

interface Line {
  no: number; // 1-based line number
  indent: number;
  text: string; // without indentation and comment
}

export function parseOpenCvYaml(text: string, fn: string): YamlNode {
  return new Parser(text, fn).parseDocument();
}

class Parser {
  private lines: Line[] = [];
  private pos = 0;

  constructor(
    text: string,
    private readonly fn: string,
  ) {
    const raw = text.split(/\r?\n|\r/);
    for (let k = 0; k < raw.length; k++) {
      const s = raw[k];
      let indent = 0;
      while (indent < s.length && s.charCodeAt(indent) === 32) indent++;
      if (s[indent] === '\t') this.fail(k + 1, 'tabs are not allowed in YAML indentation');
      const body = stripComment(s.slice(indent)).trimEnd();
      if (body.length > 0) this.lines.push({ no: k + 1, indent, text: body });
    }
  }

  fail(line: number, msg: string): never {
    throw new FacetsError('E_BAD_MODEL', `${this.fn}: malformed YAML at line ${line}: ${msg}`);
  }

  parseDocument(): YamlNode {
    const first = this.lines[0];
    if (!first || !/^%YAML[: ]1\.[0-2]$/.test(first.text)) {
      throw new FacetsError('E_BAD_MODEL', `${this.fn}: not an OpenCV YAML file (the first line must be %YAML:1.0, got ${JSON.stringify(first?.text.slice(0, 40) ?? '')})`);
    }
    this.pos = 1;
    if (this.peek()?.text === '---') this.pos++;
    const cur = this.peek();
    if (!cur) this.fail(first.no, 'the document is empty');
    const root = this.parseBlock(cur.indent, 0);
    const rest = this.peek();
    if (rest && rest.text !== '...') this.fail(rest.no, `unexpected content ${JSON.stringify(rest.text.slice(0, 40))}`);
    return root;
  }

  private peek(): Line | undefined {
    return this.lines[this.pos];
  }

  /** A block node whose first line is the current one, at exactly `indent`. */
  private parseBlock(indent: number, depth: number): YamlNode {
    const line = this.peek();
    if (!line) this.fail(this.lines[this.lines.length - 1]?.no ?? 0, 'unexpected end of file');
    if (depth > MAX_DEPTH) this.fail(line.no, `nesting deeper than ${MAX_DEPTH}`);
    if (line.indent !== indent) this.fail(line.no, `bad indentation ${line.indent}, expected ${indent}`);
    if (line.text === '-' || line.text.startsWith('- ')) return this.parseSeq(indent, depth);
    if (findKeyColon(line.text) >= 0) return this.parseMap(indent, depth);
    // A lone value on its own line, e.g. OpenCV's empty "[]" under "histograms:".
    this.pos++;
    return this.parseValue(line.text, line.no, indent - 1, depth);
  }

  private parseSeq(indent: number, depth: number): YamlNode {
    const items: YamlNode[] = [];
    const startLine = this.peek()!.no;
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) this.fail(line.no, `bad indentation ${line.indent}, expected ${indent}`);
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      const restIndent = indent + (line.text.length - rest.length);
      if (rest.length > 0 && findKeyColon(rest) >= 0 && !rest.startsWith('!') && !rest.startsWith('[') && !rest.startsWith('"') && !rest.startsWith("'")) {
        // Compact form "- key: value": the item is a map whose keys align with "key".
        this.lines[this.pos] = { no: line.no, indent: restIndent, text: rest };
        items.push(this.parseMap(restIndent, depth + 1));
      } else {
        this.pos++;
        items.push(this.parseValue(rest, line.no, indent, depth + 1));
      }
    }
    return { kind: 'seq', line: startLine, items };
  }

  private parseMap(indent: number, depth: number): YamlNode {
    const entries = new Map<string, YamlNode>();
    const startLine = this.peek()!.no;
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) this.fail(line.no, `bad indentation ${line.indent}, expected ${indent}`);
      if (line.text === '-' || line.text.startsWith('- ') || line.text === '...') break;
      const colon = findKeyColon(line.text);
      if (colon < 0) this.fail(line.no, `expected "key: value", got ${JSON.stringify(line.text.slice(0, 40))}`);
      const key = unquoteKey(line.text.slice(0, colon).trimEnd());
      if (key.length === 0) this.fail(line.no, 'empty key');
      if (entries.has(key)) this.fail(line.no, `duplicate key ${JSON.stringify(key)}`);
      const rest = line.text.slice(colon + 1).trimStart();
      this.pos++;
      entries.set(key, this.parseValue(rest, line.no, indent, depth + 1, true));
    }
    return { kind: 'map', line: startLine, entries };
  }

  /**
   * The value after "key:" or "-": inline text `rest`, or (when empty or only a tag) the block
   * on the following, more indented lines. A map value may also be a sequence at the map's own
   * indentation (YAML allows "key:\n- a").
   */
  private parseValue(rest: string, lineNo: number, parentIndent: number, depth: number, inMap = false): YamlNode {
    let tag: string | undefined;
    let text = rest;
    if (text.startsWith('!')) {
      const m = /^!!?([^\s]+)\s*(.*)$/.exec(text);
      if (!m) this.fail(lineNo, `bad tag ${JSON.stringify(text.slice(0, 40))}`);
      tag = m[1];
      text = m[2];
    }
    if (text.length === 0) {
      const next = this.peek();
      const deeper = next && (next.indent > parentIndent || (inMap && next.indent === parentIndent && (next.text === '-' || next.text.startsWith('- '))));
      if (!next || !deeper) return { kind: 'scalar', tag, line: lineNo, value: '', quoted: false };
      const node = this.parseBlock(next.indent, depth);
      return tag === undefined ? node : { ...node, tag };
    }
    if (text[0] === '[') return { ...this.parseFlowSeq(text, lineNo, parentIndent), tag };
    if (text === '{}') return { kind: 'map', tag, line: lineNo, entries: new Map() };
    if (text[0] === '{') this.fail(lineNo, 'flow maps are not supported');
    return { ...this.parseScalar(text, lineNo), tag };
  }

  /** "[ a, b," ... "c ]": gathers lines until the closing bracket, then splits on commas. */
  private parseFlowSeq(first: string, lineNo: number, parentIndent: number): YamlNode {
    const parts: string[] = [first.slice(1)];
    let closed = hasClosingBracket(parts[0]);
    while (!closed) {
      const next = this.peek();
      if (!next || next.indent <= parentIndent) this.fail(lineNo, 'unterminated flow sequence "["');
      parts.push(next.text);
      this.pos++;
      closed = hasClosingBracket(next.text);
    }
    const body = parts.join(' ');
    const end = body.lastIndexOf(']');
    if (body.slice(end + 1).trim().length > 0) this.fail(lineNo, 'text after the closing "]"');
    const inner = body.slice(0, end).trim();
    const items: YamlNode[] = [];
    if (inner.length === 0) return { kind: 'seq', line: lineNo, items };
    for (const piece of splitFlow(inner)) {
      const t = piece.trim();
      if (t.length === 0) this.fail(lineNo, 'empty item in a flow sequence');
      const c = t[0];
      if (c === '[' || c === '{') this.fail(lineNo, 'nested flow collections are not supported');
      // Numbers are nearly all of a model file: skip parseScalar's checks for them.
      if ((c >= '0' && c <= '9') || c === '-' || c === '.') items.push({ kind: 'scalar', line: lineNo, value: t, quoted: false });
      else items.push(this.parseScalar(t, lineNo));
    }
    return { kind: 'seq', line: lineNo, items };
  }

  private parseScalar(text: string, lineNo: number): YamlNode & { kind: 'scalar' } {
    if (text[0] === '"') {
      if (text.length < 2 || text[text.length - 1] !== '"') this.fail(lineNo, 'unterminated "string"');
      return { kind: 'scalar', line: lineNo, value: unescapeDouble(text.slice(1, -1), (m) => this.fail(lineNo, m)), quoted: true };
    }
    if (text[0] === "'") {
      if (text.length < 2 || text[text.length - 1] !== "'") this.fail(lineNo, "unterminated 'string'");
      return { kind: 'scalar', line: lineNo, value: text.slice(1, -1).replace(/''/g, "'"), quoted: true };
    }
    if (text[0] === '&' || text[0] === '*' || text[0] === '|' || text[0] === '>') {
      this.fail(lineNo, `anchors, aliases and block scalars are not supported (${JSON.stringify(text.slice(0, 20))})`);
    }
    return { kind: 'scalar', line: lineNo, value: text, quoted: false };
  }
}
