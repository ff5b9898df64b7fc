// Line-level scanning for yaml-subset.ts: comments, keys, flow items and escapes, quote-aware.

/** Drops a `#` comment that starts the text or follows a space, outside quotes. */
export function stripComment(s: string): string {
  if (s.indexOf('#') < 0) return s;
  let quote = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (k === 0 || s[k - 1] === ' ')) return s.slice(0, k);
  }
  return s;
}

/** Index of the ':' that ends a key (followed by space or end), outside quotes; -1 if none. */
export function findKeyColon(s: string): number {
  let quote = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && k === 0) quote = c;
    else if (c === ':' && (k + 1 === s.length || s[k + 1] === ' ')) return k;
    else if (c === '[' || c === '{') return -1;
  }
  return -1;
}

export function unquoteKey(k: string): string {
  if (k.length >= 2 && (k[0] === '"' || k[0] === "'") && k[k.length - 1] === k[0]) return k.slice(1, -1);
  return k;
}

export function hasClosingBracket(s: string): boolean {
  let quote = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return true;
  }
  return false;
}

export function splitFlow(s: string): string[] {
  if (s.indexOf('"') < 0 && s.indexOf("'") < 0) return s.split(',');
  const out: string[] = [];
  let quote = '';
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === '\\' && quote === '"') k++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      out.push(s.slice(start, k));
      start = k + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Escapes OpenCV writes in "..." strings: \" \\ \' \n \r \t \xHH (persistence_yml.cpp). */
export function unescapeDouble(s: string, fail: (msg: string) => never): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = s[++k];
    if (d === undefined) fail('a "string" ends with a lone backslash');
    if (d === 'n') out += '\n';
    else if (d === 'r') out += '\r';
    else if (d === 't') out += '\t';
    else if (d === 'x') {
      const hex = s.slice(k + 1, k + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(`bad escape \\x${hex}`);
      out += String.fromCharCode(parseInt(hex, 16));
      k += 2;
    } else out += d;
  }
  return out;
}
