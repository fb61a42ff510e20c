import {
  type Comment,
  type Dockerfile,
  DockerfileParser,
  type Flag,
  type From,
  type Instruction,
  JSONInstruction,
  ModifiableInstruction,
} from 'dockerfile-ast';

/** LSP-style position as dockerfile-ast reports it: 0-based line, UTF-16 column (= JS string index). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  from: From;
  /** `AS <name>`, lower-cased as BuildKit compares it; null when unnamed. */
  name: string | null;
  /** The instructions after the FROM, in order. */
  instructions: Instruction[];
}

/** A reference to a base image split into its parts, as `FROM` writes it. */
export interface ImageRef {
  /** Repository as written, registry included (`docker.io/library/python`). */
  repository: string;
  /** Repository without a Docker Hub registry or `library/` prefix (`python`); other registries kept. */
  official: string;
  tag: string | null;
  digest: string | null;
}

/** Splits `registry/repo:tag@digest`; the tag colon is the one after the last slash (a registry port is not a tag). */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const repository = hasTag ? named.slice(0, colon) : named;
  const official = repository
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
  return { repository, official, tag: hasTag ? named.slice(colon + 1) : null, digest };
}

/**
 * A Dockerfile parsed by dockerfile-ast, with the offset arithmetic edits need. The parser is the only
 * thing that decides where an instruction, argument or image is; this class only turns its positions
 * into string offsets, counting line breaks the way its TextDocument does (\r\n, \r and \n).
 */
export class DockerfileDocument {
  readonly ast: Dockerfile;
  /** The file's own line ending, so inserted lines match the lines around them. */
  readonly eol: string;
  private readonly starts: number[] = [0];
  /** Offset of each line's line break (text.length for the last line). */
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    this.ast = DockerfileParser.parse(text);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 || code === 10) {
        this.ends.push(i);
        if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
  }

  instructions(): Instruction[] {
    return this.ast.getInstructions();
  }

  comments(): Comment[] {
    return this.ast.getComments();
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(position: Position): number {
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.ends[position.line] ?? this.text.length);
  }

  /** Offset where a 0-based line starts; a leading byte-order mark stays in front of anything inserted. */
  lineStart(line: number): number {
    const start = this.starts[line] ?? this.text.length;
    return start === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : start;
  }

  /** Offset of the first character after a 0-based line's line break (text.length on the last line). */
  nextLineStart(line: number): number {
    return this.starts[line + 1] ?? this.text.length;
  }

  /** A 0-based line's text, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line] ?? this.text.length, this.ends[line] ?? this.text.length);
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** 1-based line of an instruction's keyword, for evidence. */
  lineOf(instruction: Instruction): number {
    return instruction.getRange().start.line + 1;
  }

  /** The instruction exactly as written (continuation lines included). */
  source(instruction: Instruction): string {
    return this.slice(instruction.getRange());
  }

  /** The instruction on one display line: continuations joined, for evidence excerpts. */
  excerpt(instruction: Instruction, max = 160): string {
    const text = this.flatten(instruction.getRange());
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  }

  /**
   * The instruction's arguments (flags such as `--mount` excluded, as the parser ranges them) as the
   * shell will see them: escaped line breaks removed and comment lines inside a continuation dropped,
   * since Docker strips those before the shell runs.
   */
  command(instruction: Instruction): string {
    const range = instruction.getArgumentsRange();
    return range ? this.flatten(range) : '';
  }

  private flatten(range: Range): string {
    const escape = this.ast.getEscapeCharacter();
    return this.slice(range)
      .split(/\r\n|\r|\n/)
      .filter((line, index) => index === 0 || !/^\s*#/.test(line))
      .map((line) => (line.trimEnd().endsWith(escape) ? line.trimEnd().slice(0, -1) : line))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** Flags of COPY/ADD/RUN/FROM (`--from`, `--chown`, `--mount`…). */
  flags(instruction: Instruction): Flag[] {
    return instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  }

  flag(instruction: Instruction, name: string): string | null {
    const flag = this.flags(instruction).find((f) => f.getName().toLowerCase() === name);
    return flag ? (flag.getValue() ?? '') : null;
  }

  /** Arguments without flags; the JSON (exec) form yields its strings. */
  args(instruction: Instruction): string[] {
    if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0) {
      // getJSONValue() drops the spaces inside a string ("sh -c 'a b'" → "sh-c'ab'"), so decode the
      // text between the quotes as JSON instead.
      return instruction.getJSONStrings().map((s) => {
        const raw = this.slice(s.getJSONRange());
        try {
          return JSON.parse(`"${raw}"`) as string;
        } catch {
          return raw;
        }
      });
    }
    return instruction.getArguments().map((a) => a.getValue());
  }

  /** True for the exec form `["a", "b"]`, which no shell interprets. */
  isJsonForm(instruction: Instruction): boolean {
    return instruction instanceof JSONInstruction && instruction.getClosingBracket() !== null;
  }

  /** True when a RUN carries a here-document, whose body is a script rather than one command line. */
  hasHeredoc(instruction: Instruction): boolean {
    return /^<<-?["']?\w/.test(this.command(instruction));
  }

  stages(): Stage[] {
    const stages: Stage[] = [];
    for (const instruction of this.instructions()) {
      if (instruction.getKeyword() === 'FROM') {
        const from = instruction as From;
        stages.push({
          index: stages.length,
          from,
          name: from.getBuildStage()?.toLowerCase() ?? null,
          instructions: [],
        });
      } else {
        stages[stages.length - 1]?.instructions.push(instruction);
      }
    }
    return stages;
  }

  /** Comment lines directly above an instruction (no blank line between), which belong with it when it moves. */
  leadingComments(instruction: Instruction): Comment[] {
    const comments = this.comments();
    const found: Comment[] = [];
    let line = instruction.getRange().start.line - 1;
    for (;;) {
      const comment = comments.find((c) => c.getRange().start.line === line);
      if (!comment || this.lineText(line).trim() === '') break;
      found.unshift(comment);
      line -= 1;
    }
    return found;
  }
}

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
}

/**
 * Collects edits at parser-given positions and applies them in one pass, so every byte outside the
 * edited ranges is kept exactly (comments, blank lines, line endings, continuation style).
 */
export class DockerfileEdits {
  private readonly splices: Splice[] = [];

  constructor(readonly doc: DockerfileDocument) {}

  private add(start: number, end: number, text: string): this {
    this.splices.push({ start, end, text, order: this.splices.length });
    return this;
  }

  replace(range: Range, text: string): this {
    return this.add(this.doc.offsetAt(range.start), this.doc.offsetAt(range.end), text);
  }

  insertAt(position: Position, text: string): this {
    return this.insertAtOffset(this.doc.offsetAt(position), text);
  }

  /** For offsets found inside a parser-given range (a word within a RUN's arguments). */
  insertAtOffset(offset: number, text: string): this {
    return this.add(offset, offset, text);
  }

  /**
   * Chains shell commands onto the end of a RUN with `&&`, in the instruction's own layout: on the same
   * line when it is one line, else as continuation lines indented like its last line, with `&&` leading
   * or trailing as its lines already do.
   */
  appendShellCommands(run: Instruction, commands: readonly string[]): this {
    const range = run.getArgumentsRange();
    if (!range) throw new Error(`RUN on line ${this.doc.lineOf(run)} has no command`);
    const { start, end } = range;
    if (start.line === end.line) return this.insertAt(end, commands.map((command) => ` && ${command}`).join(''));
    const escape = this.doc.ast.getEscapeCharacter();
    const indent = /^\s*/.exec(this.doc.lineText(end.line))?.[0] ?? '';
    const trailing = this.doc
      .lineText(end.line - 1)
      .trimEnd()
      .slice(0, -escape.length)
      .trimEnd()
      .endsWith('&&');
    const eol = this.doc.eol;
    const text = commands
      .map((command) =>
        trailing ? ` && ${escape}${eol}${indent}${command}` : ` ${escape}${eol}${indent}&& ${command}`,
      )
      .join('');
    return this.insertAt(end, text);
  }

  /** Text (whole lines, each ending in the file's line break) in front of a 0-based line. */
  insertBeforeLine(line: number, text: string): this {
    const offset = this.doc.lineStart(line);
    return this.add(offset, offset, text);
  }

  /** New lines in front of the instruction's first line (or of its leading comments, when moved with it). */
  insertLinesBefore(instruction: Instruction, lines: readonly string[]): this {
    const offset = this.doc.lineStart(instruction.getRange().start.line);
    return this.add(offset, offset, lines.map((line) => line + this.doc.eol).join(''));
  }

  /** New lines after the instruction's last line; a file without a final line break gets one first. */
  insertLinesAfter(instruction: Instruction, lines: readonly string[]): this {
    const offset = this.doc.nextLineStart(instruction.getRange().end.line);
    const atEnd = offset === this.doc.text.length && !/[\r\n]$/.test(this.doc.text);
    const text = lines.map((line) => line + this.doc.eol).join('');
    return this.add(offset, offset, atEnd ? this.doc.eol + text.slice(0, -this.doc.eol.length) : text);
  }

  /** Deletes whole lines from `fromLine` (0-based) through the instruction's last line. */
  removeLines(instruction: Instruction, fromLine = instruction.getRange().start.line): this {
    return this.add(this.doc.lineStart(fromLine), this.doc.nextLineStart(instruction.getRange().end.line), '');
  }

  /** The image of a FROM (tag and digest included), leaving `--platform` and `AS name` as they are. */
  setImage(from: From, image: string): this {
    const range = from.getImageRange();
    if (!range) throw new Error(`FROM on line ${this.doc.lineOf(from)} names no image`);
    return this.replace(range, image);
  }

  /**
   * Appends words to a CMD/ENTRYPOINT/RUN: as JSON strings before the closing bracket of the exec form,
   * else after the last argument of the shell form.
   */
  appendArguments(instruction: Instruction, words: readonly string[]): this {
    if (instruction instanceof JSONInstruction) {
      const close = instruction.getClosingBracket();
      if (close && instruction.getJSONStrings().length > 0) {
        return this.insertAt(close.getRange().start, words.map((word) => `, ${JSON.stringify(word)}`).join(''));
      }
    }
    const range = instruction.getArgumentsRange();
    if (!range) throw new Error(`${instruction.getKeyword()} on line ${this.doc.lineOf(instruction)} has no arguments`);
    return this.insertAt(range.end, ` ${words.join(' ')}`);
  }

  /** The text with every edit applied; overlapping edits are a bug in the caller and throw. */
  apply(): string {
    const sorted = [...this.splices].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
    let out = '';
    let cursor = 0;
    for (const splice of sorted) {
      if (splice.start < cursor) throw new Error('overlapping Dockerfile edits');
      out += this.doc.text.slice(cursor, splice.start) + splice.text;
      cursor = splice.end;
    }
    return out + this.doc.text.slice(cursor);
  }
}
