import type { From } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { DockerfileDocument, DockerfileEdits, parseImage } from '../../../../src/main/core/tune/edit/dockerfile';

function doc(text: string): DockerfileDocument {
  return new DockerfileDocument(text);
}

function only(d: DockerfileDocument, keyword: string, index = 0) {
  const found = d.instructions().filter((i) => i.getKeyword() === keyword)[index];
  if (!found) throw new Error(`no ${keyword} #${index}`);
  return found;
}

describe('parseImage', () => {
  it('splits registry, tag and digest without mistaking a registry port for a tag', () => {
    expect(parseImage('python:3.12')).toEqual({ repository: 'python', official: 'python', tag: '3.12', digest: null });
    expect(parseImage('docker.io/library/node:20@sha256:abc')).toEqual({
      repository: 'docker.io/library/node',
      official: 'node',
      tag: '20',
      digest: 'sha256:abc',
    });
    expect(parseImage('localhost:5000/team/api')).toEqual({
      repository: 'localhost:5000/team/api',
      official: 'localhost:5000/team/api',
      tag: null,
      digest: null,
    });
  });
});

describe('DockerfileDocument', () => {
  it('reads a RUN as the shell sees it: continuations joined, comment lines inside dropped, flags excluded', () => {
    const d = doc(
      'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n  # refresh\n  && apt-get install -y curl\n',
    );
    const run = only(d, 'RUN');
    expect(d.command(run)).toBe('apt-get update && apt-get install -y curl');
    expect(d.flag(run, 'mount')).toBe('type=cache,target=/var/cache/apt');
    expect(d.lineOf(run)).toBe(2);
    expect(d.source(run)).toBe(
      'RUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n  # refresh\n  && apt-get install -y curl',
    );
  });

  it('splits stages and finds the comments that belong to an instruction', () => {
    const d = doc(
      'FROM node:22 AS build\nRUN npm ci\n\n# the runtime\n# image\nFROM node:22-slim\nCOPY --from=build /app /app\n',
    );
    const stages = d.stages();
    expect(stages.map((s) => [s.index, s.name, s.instructions.map((i) => i.getKeyword())])).toEqual([
      [0, 'build', ['RUN']],
      [1, null, ['COPY']],
    ]);
    const secondFrom = stages[1]?.from;
    expect(secondFrom && d.leadingComments(secondFrom).map((c) => c.getContent())).toEqual(['the runtime', 'image']);
    expect(d.leadingComments(only(d, 'RUN'))).toEqual([]);
  });

  it('does not throw on text that is not a Dockerfile', () => {
    const d = doc('{{ this is not\n\u0000 a Dockerfile ]]\n');
    expect(d.stages()).toEqual([]);
    expect(() => d.instructions().map((i) => d.command(i))).not.toThrow();
  });
});

describe('DockerfileEdits', () => {
  it('replaces only the image of a FROM, keeping --platform, the stage name, CRLF and the BOM', () => {
    const text = '\ufeffFROM --platform=$BUILDPLATFORM python:3.12 AS base\r\nRUN true\r\n';
    const d = doc(text);
    const after = new DockerfileEdits(d).setImage(only(d, 'FROM') as From, 'python:3.12-slim').apply();
    expect(after).toBe('\ufeffFROM --platform=$BUILDPLATFORM python:3.12-slim AS base\r\nRUN true\r\n');
  });

  it('appends arguments inside the exec form brackets and after the shell form', () => {
    const d = doc('FROM python\nENTRYPOINT ["uvicorn", "app:app"]  \nCMD uvicorn app:app --port 80\n');
    const after = new DockerfileEdits(d)
      .appendArguments(only(d, 'ENTRYPOINT'), ['--workers', '2'])
      .appendArguments(only(d, 'CMD'), ['--workers', '2'])
      .apply();
    expect(after).toBe(
      'FROM python\nENTRYPOINT ["uvicorn", "app:app", "--workers", "2"]  \nCMD uvicorn app:app --port 80 --workers 2\n',
    );
  });

  it('inserts lines before and after instructions, adding a final line break only where one was missing', () => {
    const d = doc('FROM a\nWORKDIR /app\nCMD x');
    const after = new DockerfileEdits(d)
      .insertLinesBefore(only(d, 'WORKDIR'), ['ENV A=1', 'ENV B=2'])
      .insertLinesAfter(only(d, 'CMD'), ['LABEL x=y'])
      .apply();
    expect(after).toBe('FROM a\nENV A=1\nENV B=2\nWORKDIR /app\nCMD x\nLABEL x=y');
  });

  it('moves a multi-line instruction by removing its lines and inserting the same text elsewhere', () => {
    const d = doc('FROM a\nCOPY . .\n# deps\nRUN pip install \\\n    -r requirements.txt\nEXPOSE 80\n');
    const run = only(d, 'RUN');
    const block = d.text.slice(d.lineStart(2), d.nextLineStart(run.getRange().end.line));
    const after = new DockerfileEdits(d)
      .insertBeforeLine(only(d, 'COPY').getRange().start.line, `COPY requirements.txt .\n${block}`)
      .removeLines(run, 2)
      .apply();
    expect(after).toBe(
      'FROM a\nCOPY requirements.txt .\n# deps\nRUN pip install \\\n    -r requirements.txt\nCOPY . .\nEXPOSE 80\n',
    );
  });

  it('chains shell commands in the layout the RUN already uses', () => {
    const one = doc('FROM a\nRUN apt-get install -y gcc\n');
    expect(new DockerfileEdits(one).appendShellCommands(only(one, 'RUN'), ['rm -rf /x']).apply()).toBe(
      'FROM a\nRUN apt-get install -y gcc && rm -rf /x\n',
    );
    const leading = doc('FROM a\nRUN apt-get update \\\n    && apt-get install -y gcc\nCMD x\n');
    expect(new DockerfileEdits(leading).appendShellCommands(only(leading, 'RUN'), ['rm -rf /x']).apply()).toBe(
      'FROM a\nRUN apt-get update \\\n    && apt-get install -y gcc \\\n    && rm -rf /x\nCMD x\n',
    );
    const trailing = doc('FROM a\nRUN apt-get update && \\\n  apt-get install -y gcc\n');
    expect(new DockerfileEdits(trailing).appendShellCommands(only(trailing, 'RUN'), ['rm -rf /x']).apply()).toBe(
      'FROM a\nRUN apt-get update && \\\n  apt-get install -y gcc && \\\n  rm -rf /x\n',
    );
    const backtick = doc('# escape=`\nFROM a\nRUN apt-get update `\n    && apt-get install -y gcc\n');
    expect(new DockerfileEdits(backtick).appendShellCommands(only(backtick, 'RUN'), ['rm -rf /x']).apply()).toBe(
      '# escape=`\nFROM a\nRUN apt-get update `\n    && apt-get install -y gcc `\n    && rm -rf /x\n',
    );
  });

  it('refuses overlapping edits instead of guessing', () => {
    const d = doc('FROM python:3.12\n');
    const from = only(d, 'FROM') as From;
    expect(() => new DockerfileEdits(d).setImage(from, 'a').setImage(from, 'b').apply()).toThrow(/overlapping/);
  });

  it('leaves the text byte for byte when there is nothing to do', () => {
    const text = 'FROM a\r\n\r\n# comment\r\nRUN  echo   "spaced"  \r\n';
    expect(new DockerfileEdits(doc(text)).apply()).toBe(text);
  });
});

describe('exec-form arguments', () => {
  it('keeps spaces and escapes inside JSON strings (dockerfile-ast getJSONValue drops spaces)', () => {
    const d = doc('FROM a\nCMD ["sh", "-c", "uvicorn app:app --port $PORT", "say \\"hi\\""]\n');
    expect(d.args(only(d, 'CMD'))).toEqual(['sh', '-c', 'uvicorn app:app --port $PORT', 'say "hi"']);
    expect(d.isJsonForm(only(d, 'CMD'))).toBe(true);
  });
});
