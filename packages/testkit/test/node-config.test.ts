import { cassandraYaml, logbackXml, nodeLayout } from '../src/node-config';
import { javaArgs } from '../src/jvm-options';
import { nodeConcurrentWrites, nodeProcessorCount } from '../src/processor-count';
import { CLUSTERS, clusterSpec } from '../src/topology';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('generated node configuration', () => {
  const layout = nodeLayout('/state/cluster1/node1');

  it('binds each node of cluster1 and cluster2 to its own loopback address under its cluster name', () => {
    const one = cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout);
    const two = cassandraYaml(CLUSTERS.cluster2, CLUSTERS.cluster2.nodes[0], layout);
    expect(one).toContain("cluster_name: 'cluster1'");
    expect(one).toContain('listen_address: 127.0.0.1');
    expect(one).toContain('rpc_address: 127.0.0.1');
    expect(one).toContain('seeds: "127.0.0.1:7000"');
    expect(two).toContain("cluster_name: 'cluster2'");
    expect(two).toContain('rpc_address: 127.0.0.2');
    expect(two).toContain('seeds: "127.0.0.2:7000"');
  });

  it('makes the first node the seed of the three-node cluster', () => {
    const spec = CLUSTERS.cluster3;
    expect(spec.nodes.map((n) => n.address)).toEqual(['127.0.0.3', '127.0.0.4', '127.0.0.5']);
    const third = cassandraYaml(spec, spec.nodes[2], layout);
    expect(third).toContain('seeds: "127.0.0.3:7000"');
    expect(third).toContain('listen_address: 127.0.0.5');
  });

  it('turns on password authentication only for the secure cluster', () => {
    expect(cassandraYaml(CLUSTERS.secure, CLUSTERS.secure.nodes[0], layout)).toContain('authenticator: PasswordAuthenticator');
    expect(cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout)).toContain('authenticator: AllowAllAuthenticator');
  });

  it('keeps every directory inside the node folder', () => {
    const yaml = cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout);
    const dirs = [...yaml.matchAll(/^(?:\s+- |\w+_directory: )(\/.*)$/gm)].map((m) => m[1]);
    expect(dirs.length).toBeGreaterThanOrEqual(5);
    for (const dir of dirs) expect(dir.startsWith('/state/cluster1/node1/')).toBe(true);
    expect(logbackXml(layout)).toContain('<file>/state/cluster1/node1/logs/system.log</file>');
  });

  it('gives every node its own JMX port and the JDK 17 module flags', () => {
    const lib = mkdtempSync(join(tmpdir(), 'cassia-lib-'));
    writeFileSync(join(lib, 'jamm-0.4.0.jar'), '');
    const ports = Object.values(CLUSTERS).flatMap((c) => c.nodes.map((n) => n.jmxPort));
    expect(new Set(ports).size).toBe(ports.length);
    const args = javaArgs(lib, CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout);
    expect(args).toContain('-Dcassandra.jmx.local.port=7200');
    expect(args).toContain(`-javaagent:${join(lib, 'jamm-0.4.0.jar')}`);
    expect(args).toContain('java.base/sun.nio.ch=ALL-UNNAMED');
    expect(args.at(-1)).toBe('org.apache.cassandra.service.CassandraDaemon');
  });

  it('keeps concurrent_writes within the vector index pool cap (processors + 1) and pins the JVM to that processor count', () => {
    const processors = nodeProcessorCount();
    const yaml = cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout);
    expect(yaml).toContain(`concurrent_writes: ${Math.min(32, processors + 1)}`);
    expect(nodeConcurrentWrites(2)).toBe(3);
    expect(nodeConcurrentWrites(64)).toBe(32);
    const lib = mkdtempSync(join(tmpdir(), 'cassia-lib-'));
    expect(javaArgs(lib, CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout)).toContain(`-XX:ActiveProcessorCount=${processors}`);
  });

  it('rejects an unknown cluster name', () => {
    expect(() => clusterSpec('cluster9')).toThrow(/Unknown local cluster 'cluster9'/);
  });
});
