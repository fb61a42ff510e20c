import { describe, expect, it } from 'vitest';
import { detectOthers } from '../../../../../../src/main/core/project/detect/others';
import { at, factOf, fixtureContext, stackOf } from './fixture-context';

describe('other ecosystems detector', () => {
  it('reports Go, Maven and CMake/Make projects with their commands', async () => {
    const out = await detectOthers(fixtureContext('polyglot'));
    expect(out.problems).toEqual([]);

    const go = stackOf(out.stacks, 'go', 'go-svc');
    expect(factOf(go, 'go.module').value).toBe('example.com/polyglot/go-svc');
    expect(at(factOf(go, 'go.version', '1.22').evidence)).toBe('go-svc/go.mod:3');
    expect(factOf(go, 'go.toolchain').value).toBe('go1.22.5');

    const java = stackOf(out.stacks, 'java', 'java-app');
    expect(factOf(java, 'java.buildTool').value).toBe('maven');
    expect(at(factOf(java, 'java.artifactId').evidence)).toBe('java-app/pom.xml:7');
    expect(factOf(java, 'java.version').value).toBe('21');

    const cpp = stackOf(out.stacks, 'cpp', 'native');
    expect(factOf(cpp, 'cpp.project').value).toBe('saxpy');
    expect(factOf(cpp, 'cpp.languages').value).toEqual(['CXX', 'CUDA']);
    expect(factOf(cpp, 'cpp.makeTargets').value).toEqual(['all', 'test', 'bench', 'clean']);

    expect(out.commands.map((c) => `${c.kind} ${c.cwd}: ${c.command} [${at(c.evidence)}]`)).toEqual([
      'build go-svc: go build ./... [go-svc/go.mod:-]',
      'test go-svc: go test ./... [go-svc/go.mod:-]',
      'build java-app: mvn -B package -DskipTests [java-app/pom.xml:-]',
      'test java-app: mvn -B test [java-app/pom.xml:-]',
      // No enable_testing()/add_test(), so no ctest command: it would find nothing to run.
      'build native: cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j [native/CMakeLists.txt:2]',
      'build native: make all [native/Makefile:6]',
      'test native: make test [native/Makefile:12]',
      'bench native: make bench [native/Makefile:15]',
    ]);
    // `clean` is never offered: running it is not a measurement.
    expect(out.commands.some((c) => c.command === 'make clean')).toBe(false);
  });
});
