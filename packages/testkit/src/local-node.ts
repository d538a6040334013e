// One Cassandra node run as a local JVM process: start, wait for CQL, stop by pid.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { javaArgs } from './jvm-options';
import { type NodeLayout, nodeLayout, writeNodeConfig } from './node-config';
import { nodeDir } from './paths';
import { probeClusterName } from './cql-probe';
import type { ProgressSink } from './progress';
import { TestkitError } from './testkit-error';
import { type ClusterSpec, dataCenterOf, type NodeSpec } from './topology';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class LocalNode {
  readonly layout: NodeLayout;

  constructor(
    readonly cluster: ClusterSpec,
    readonly spec: NodeSpec,
  ) {
    this.layout = nodeLayout(nodeDir(cluster.name, spec.name));
  }

  get label(): string {
    return `${this.cluster.name}/${this.spec.name} (${this.spec.address}:${this.cluster.nativePort})`;
  }

  /**
   * The pid of this node's JVM when testkit started it and it still runs. The command line is
   * checked too, so a recycled pid never makes testkit signal a process it did not start.
   */
  runningPid(): number | undefined {
    if (!existsSync(this.layout.pidFile)) return undefined;
    const pid = Number(readFileSync(this.layout.pidFile, 'utf8').trim());
    if (!Number.isInteger(pid) || !processAlive(pid)) return undefined;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmdline.includes('CassandraDaemon') && cmdline.includes(this.layout.yaml) ? pid : undefined;
    } catch {
      return pid;
    }
  }

  /** The cluster name answering CQL at this node's address, if any. */
  answeringCluster(): Promise<string | undefined> {
    return probeClusterName(this.spec.address, this.cluster.nativePort, { dataCenter: dataCenterOf(this.spec), tls: this.cluster.tls === true });
  }

  /** Launches the JVM detached (it outlives this process) with freshly generated config. */
  launch(lib: string, options: { keepData?: boolean } = {}): number {
    if (!options.keepData) rmSync(this.layout.data, { recursive: true, force: true });
    rmSync(this.layout.logs, { recursive: true, force: true });
    writeNodeConfig(this.cluster, this.spec, this.layout);
    const out = openSync(`${this.layout.logs}/stdout.log`, 'a');
    let child;
    try {
      child = spawn(process.env.CASSIA_JAVA ?? 'java', javaArgs(lib, this.cluster, this.spec, this.layout), {
        detached: true,
        stdio: ['ignore', out, out],
        cwd: this.layout.dir,
      });
    } finally {
      closeSync(out);
    }
    if (child.pid === undefined) {
      throw new TestkitError('ERR_TESTKIT_NO_JAVA', 'Could not start `java`; install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set CASSIA_JAVA.');
    }
    child.unref();
    writeFileSync(this.layout.pidFile, String(child.pid));
    return child.pid;
  }

  /** Waits until the node answers CQL with its cluster name; fails early if the JVM exits. */
  async waitReady(progress: ProgressSink, timeoutMs = 240_000): Promise<void> {
    const started = Date.now();
    let lastReport = started;
    while (Date.now() - started < timeoutMs) {
      if (this.runningPid() === undefined) {
        throw new TestkitError('ERR_TESTKIT_NODE_FAILED', `${this.label} exited during start. Last log lines:\n${this.logTail()}`);
      }
      if ((await this.answeringCluster()) === this.cluster.name) return;
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        progress(`  … ${this.label} still starting (${Math.round((Date.now() - started) / 1000)}s): ${this.lastLogLine()}`);
      }
      await sleep(1000);
    }
    throw new TestkitError('ERR_TESTKIT_NODE_FAILED', `${this.label} did not answer CQL within ${timeoutMs / 1000}s. Last log lines:\n${this.logTail()}`);
  }

  /** SIGTERM, then SIGKILL after a grace period; removes the data folder unless asked to keep it. */
  async stop(options: { keepData?: boolean; graceMs?: number } = {}): Promise<boolean> {
    const pid = this.runningPid();
    if (pid !== undefined) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + (options.graceMs ?? 20_000);
      while (processAlive(pid) && Date.now() < deadline) await sleep(200);
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
      while (processAlive(pid)) await sleep(100);
    }
    rmSync(this.layout.pidFile, { force: true });
    if (!options.keepData) rmSync(this.layout.data, { recursive: true, force: true });
    return pid !== undefined;
  }

  logTail(lines = 30): string {
    for (const file of [this.layout.log, `${this.layout.logs}/stdout.log`]) {
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8').trimEnd();
        if (text) return text.split('\n').slice(-lines).join('\n');
      }
    }
    return '(no log written)';
  }

  private lastLogLine(): string {
    const line = this.logTail(1);
    return line.length > 140 ? `${line.slice(0, 140)}…` : line;
  }
}
