// Resolves Cassandra's server jars from Maven Central with Maven, once per version, into a cache.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { libDir } from './paths';
import { type ProgressSink, stderrProgress } from './progress';
import { runCommand } from './run-command';
import { TestkitError } from './testkit-error';

/** The Cassandra version testkit runs unless `CASSIA_CASSANDRA_VERSION` says otherwise. */
export const DEFAULT_CASSANDRA_VERSION = '5.0.9';

export function cassandraVersion(): string {
  return process.env.CASSIA_CASSANDRA_VERSION ?? DEFAULT_CASSANDRA_VERSION;
}

function runtimePom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.cassia.testkit</groupId>
  <artifactId>cassandra-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.cassandra</groupId>
      <artifactId>cassandra-all</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/**
 * Returns the folder of jars for `version`, resolving them with Maven on first use.
 * The folder only appears once complete, so an interrupted resolution is simply redone.
 */
export async function resolveClasspath(version = cassandraVersion(), progress: ProgressSink = stderrProgress): Promise<string> {
  const lib = libDir(version);
  if (existsSync(join(lib, `cassandra-all-${version}.jar`))) return lib;

  const work = `${lib}.resolving-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'pom.xml'), runtimePom(version));
  progress(`resolving cassandra-all ${version} and its runtime dependencies with Maven (first run downloads ~70 MB)`);
  const started = Date.now();
  let downloaded = 0;
  let result;
  try {
    result = await runCommand('mvn', ['-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${join(work, 'lib')}`], {
      cwd: work,
      onLine: (line) => {
        if (/Download(ed|ing)/.test(line) && ++downloaded % 25 === 0) progress(`  … ${downloaded} artifacts fetched`);
      },
    });
  } catch (error) {
    throw new TestkitError('ERR_TESTKIT_NO_MAVEN', 'Maven (`mvn`) was not found on PATH; install Maven (apt-get install maven) or point CASSIA_CLUSTER1/CASSIA_CLUSTER2 at running clusters.', { cause: error });
  }
  if (result.code !== 0) {
    throw new TestkitError('ERR_TESTKIT_RESOLVE', `Maven could not resolve cassandra-all ${version} (exit ${result.code}):\n${result.output.split('\n').slice(-20).join('\n')}`);
  }
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(join(lib, '..'), { recursive: true });
  renameSync(join(work, 'lib'), lib);
  rmSync(work, { recursive: true, force: true });
  progress(`resolved ${readdirSync(lib).length} jars in ${((Date.now() - started) / 1000).toFixed(1)}s → ${lib}`);
  return lib;
}
