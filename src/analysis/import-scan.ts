/** A module specifier a file loads, as the scanner or the parser found it. */
export interface ImportFact {
  specifier: string;
  /** 1-based line and 0-based column of the specifier string. */
  line: number;
  column: number;
  kind: 'import' | 'export' | 'require' | 'dynamic';
  /** `import type` / `export type`: erased at compile time, loads nothing. */
  typeOnly: boolean;
}

const regexAfter = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const regexAfterWords = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

interface Token {
  kind: 'word' | 'string' | 'punct';
  value: string;
  start: number;
}

/**
 * The module specifiers of a file without parsing it: `import … from 'x'`, `import 'x'`,
 * `export … from 'x'`, `import('x')`, `require('x')`. Comments, strings, template literals and
 * regular expressions are skipped, so a specifier in a comment is not one. Used to decide which
 * files are worth parsing; facts that reach a report come from a parse.
 */
export function scanImports(text: string): ImportFact[] {
  const tokens = tokenize(text);
  const facts: ImportFact[] = [];
  const lineStarts = lineStartsOf(text);
  const add = (token: Token, kind: ImportFact['kind'], typeOnly: boolean) => {
    const { line, column } = positionAt(lineStarts, token.start);
    facts.push({ specifier: token.value, line, column, kind, typeOnly });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    const previous = tokens[i - 1];
    const isMember = previous?.kind === 'punct' && previous.value === '.';
    if (isMember) continue;
    const next = tokens[i + 1];
    if ((token.value === 'import' || token.value === 'export') && next) {
      if (token.value === 'import' && next.kind === 'string') {
        add(next, 'import', false);
        continue;
      }
      if (token.value === 'import' && next.kind === 'punct' && next.value === '(' && tokens[i + 2]?.kind === 'string') {
        const close = tokens[i + 3];
        if (close?.kind === 'punct' && (close.value === ')' || close.value === ',')) add(tokens[i + 2]!, 'dynamic', false);
        continue;
      }
      // `import x from 'y'`, `import { a } from 'y'`, `export * from 'y'`: find `from` before the statement ends.
      const typeOnly = next.kind === 'word' && next.value === 'type' && tokens[i + 2]?.value !== 'from';
      for (let j = i + 1; j < tokens.length && j < i + 400; j++) {
        const candidate = tokens[j]!;
        if (candidate.kind === 'punct' && (candidate.value === ';' || candidate.value === '=' || candidate.value === '(')) break;
        if (candidate.kind === 'word' && ['import', 'export', 'const', 'let', 'var', 'function', 'class'].includes(candidate.value)) break;
        if (candidate.kind === 'word' && candidate.value === 'from' && tokens[j + 1]?.kind === 'string') {
          add(tokens[j + 1]!, token.value === 'import' ? 'import' : 'export', typeOnly);
          i = j + 1;
          break;
        }
      }
      continue;
    }
    if (token.value === 'require' && next?.kind === 'punct' && next.value === '(' && tokens[i + 2]?.kind === 'string') {
      const close = tokens[i + 3];
      if (close?.kind === 'punct' && close.value === ')') add(tokens[i + 2]!, 'require', false);
    }
  }
  return facts;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  // Template literal nesting: each entry counts the open braces inside one `${ … }`.
  const templateDepth: number[] = [];
  const regexAllowed = (): boolean => {
    const last = tokens.at(-1);
    if (!last) return true;
    if (last.kind === 'punct') return regexAfter.has(last.value);
    if (last.kind === 'word') return regexAfterWords.has(last.value);
    return false;
  };
  const readTemplate = (): void => {
    // positioned after a backtick or a closing `}` of a substitution
    while (i < length) {
      const ch = text[i]!;
      if (ch === '\\') {
        i += 2;
      } else if (ch === '`') {
        i++;
        return;
      } else if (ch === '$' && text[i + 1] === '{') {
        i += 2;
        templateDepth.push(0);
        return;
      } else {
        i++;
      }
    }
  };
  while (i < length) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? length : end + 2;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < length && text[i] !== ch && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', value, start });
    } else if (ch === '`') {
      i++;
      readTemplate();
      tokens.push({ kind: 'punct', value: '`', start: i });
    } else if (ch === '/' && regexAllowed()) {
      i++;
      let inClass = false;
      while (i < length && text[i] !== '\n') {
        const c = text[i]!;
        if (c === '/' && !inClass) break;
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        i += c === '\\' ? 2 : 1;
      }
      i++;
      while (i < length && /[a-z]/i.test(text[i]!)) i++;
      tokens.push({ kind: 'punct', value: '/re/', start: i });
    } else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || ch === '_' || ch === '$' || code > 127) {
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127) i++;
        else break;
      }
      tokens.push({ kind: 'word', value: text.slice(start, i), start });
    } else if (code >= 48 && code <= 57) {
      while (i < length && /[\w.]/.test(text[i]!)) i++;
      tokens.push({ kind: 'word', value: '0', start: i });
    } else {
      if (templateDepth.length > 0) {
        if (ch === '{') templateDepth[templateDepth.length - 1]!++;
        if (ch === '}') {
          if (templateDepth.at(-1) === 0) {
            templateDepth.pop();
            i++;
            readTemplate();
            continue;
          }
          templateDepth[templateDepth.length - 1]!--;
        }
      }
      tokens.push({ kind: 'punct', value: ch, start: i });
      i++;
    }
  }
  return tokens;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! };
}
