import { cassandraYaml, logbackXml, nodeLayout, writeNodeConfig } from '../src/node-config';
import { TLS_NODE_ADDRESS, tlsDir } from '../src/tls-material';
import { javaArgs, nodeHeap } from '../src/jvm-options';
import { stopClusters } from '../src/local-clusters';
import { TestkitError } from '../src/testkit-error';
import { nodeConcurrentWrites, nodeProcessorCount } from '../src/processor-count';
import { CLUSTERS, clusterSpec } from '../src/topology';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('places the multidc nodes in dc1 and dc2 with GossipingPropertyFileSnitch and a rackdc file each', () => {
    const spec = CLUSTERS.multidc;
    expect(spec.nodes.map((n) => [n.address, n.dataCenter])).toEqual([['127.0.0.9', 'dc1'], ['127.0.0.10', 'dc2']]);
    const second = cassandraYaml(spec, spec.nodes[1], layout);
    expect(second).toContain('endpoint_snitch: GossipingPropertyFileSnitch');
    expect(second).toContain('seeds: "127.0.0.9:7000"');
    expect(second).toContain('allocate_tokens_for_local_replication_factor: 1');
    expect(cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout)).toContain('endpoint_snitch: SimpleSnitch');
    const args = javaArgs(mkdtempSync(join(tmpdir(), 'cassia-lib-')), spec, spec.nodes[1], layout);
    expect(args).toContain(`-Dcassandra-rackdc.properties=file://${layout.rackdc}`);
    expect(javaArgs(mkdtempSync(join(tmpdir(), 'cassia-lib-')), CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout).join(' ')).not.toContain('rackdc');
    const dir = mkdtempSync(join(tmpdir(), 'cassia-node-'));
    writeNodeConfig(spec, spec.nodes[1], nodeLayout(dir));
    expect(readFileSync(nodeLayout(dir).rackdc, 'utf8')).toBe('dc=dc2\nrack=rack1\n');
  });

  it('requires client-to-node TLS on the tls node only, with the keystore under <cassia home>/tls', () => {
    const home = process.env.CASSIA_HOME;
    // Material already made (as tlsMaterial() leaves it), so nothing runs keytool here.
    process.env.CASSIA_HOME = mkdtempSync(join(tmpdir(), 'cassia-home-'));
    try {
      mkdirSync(tlsDir());
      for (const file of ['ca.pem', 'client.pem', 'client-key.pem', 'other-ca.pem', 'expired.pem', 'expired-key.pem', 'other-host.pem', 'other-host-key.pem']) {
        writeFileSync(join(tlsDir(), file), 'pem');
      }
      writeFileSync(join(tlsDir(), 'VERSION'), '1');
      const yaml = cassandraYaml(CLUSTERS.tls, CLUSTERS.tls.nodes[0], layout);
      expect(yaml).toContain(
        `client_encryption_options:\n  enabled: true\n  optional: false\n  keystore: ${join(tlsDir(), 'node-keystore.p12')}\n  keystore_password: cassia-test\n  store_type: PKCS12\n`,
      );
      expect(yaml).toContain('rpc_address: 127.0.0.8');
      expect(cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout)).not.toContain('client_encryption_options');
    } finally {
      if (home === undefined) delete process.env.CASSIA_HOME;
      else process.env.CASSIA_HOME = home;
    }
    expect(CLUSTERS.tls.nodes[0].address).toBe(TLS_NODE_ADDRESS);
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

  describe('the fleet cluster', () => {
    const spec = CLUSTERS.fleet;
    const heapArgs = (cluster = spec) => javaArgs(mkdtempSync(join(tmpdir(), 'cassia-lib-')), cluster, cluster.nodes[0], layout).filter((arg) => /^-Xm[sx]/.test(arg));
    const withHeapVariable = (value: string | undefined, fn: () => void) => {
      const saved = process.env.CASSIA_NODE_HEAP;
      if (value === undefined) delete process.env.CASSIA_NODE_HEAP;
      else process.env.CASSIA_NODE_HEAP = value;
      try {
        fn();
      } finally {
        if (saved === undefined) delete process.env.CASSIA_NODE_HEAP;
        else process.env.CASSIA_NODE_HEAP = saved;
      }
    };

    it('is one node of its own on 127.0.0.11 with its own JMX port', () => {
      expect(spec.nodes).toEqual([{ name: 'node11', address: '127.0.0.11', jmxPort: 7210 }]);
      const yaml = cassandraYaml(spec, spec.nodes[0], layout);
      expect(yaml).toContain("cluster_name: 'fleet'");
      expect(yaml).toContain('listen_address: 127.0.0.11');
      expect(yaml).toContain('rpc_address: 127.0.0.11');
      expect(yaml).toContain('seeds: "127.0.0.11:7000"');
      expect(javaArgs(mkdtempSync(join(tmpdir(), 'cassia-lib-')), spec, spec.nodes[0], layout)).toContain('-Dcassandra.jmx.local.port=7210');
    });

    it('starts with its own 4G heap while the other clusters keep 768M, and CASSIA_NODE_HEAP overrides both', () => {
      withHeapVariable(undefined, () => {
        expect(heapArgs()).toEqual(['-Xms4G', '-Xmx4G']);
        expect(heapArgs(CLUSTERS.cluster1)).toEqual(['-Xms768M', '-Xmx768M']);
      });
      withHeapVariable('6G', () => {
        expect(heapArgs()).toEqual(['-Xms6G', '-Xmx6G']);
        expect(heapArgs(CLUSTERS.cluster1)).toEqual(['-Xms6G', '-Xmx6G']);
      });
      // An empty variable is as good as none.
      withHeapVariable('', () => expect(nodeHeap(spec)).toBe('4G'));
    });

    it('refuses a heap the JVM would not take, naming where it came from', () => {
      withHeapVariable('4 GB', () => {
        expect(() => nodeHeap(spec)).toThrow(TestkitError);
        expect(() => nodeHeap(spec)).toThrow("CASSIA_NODE_HEAP must be a JVM size such as 768M or 4G, got '4 GB'.");
      });
      withHeapVariable(undefined, () => {
        expect(() => nodeHeap({ ...spec, heap: '-1G' })).toThrow(expect.objectContaining({ code: 'ERR_TESTKIT_BAD_HEAP', message: expect.stringContaining("the heap of cluster 'fleet'") }));
      });
    });

    it('sizes the server cache of prepared statements and drops memtable slabs for a fleet; other nodes keep the defaults', () => {
      const yaml = cassandraYaml(spec, spec.nodes[0], layout);
      expect(yaml).toContain('\nprepared_statements_cache_size: 64MiB\n');
      expect(yaml).toContain('\nmemtable_allocation_type: unslabbed_heap_buffers\n');
      const cluster1 = cassandraYaml(CLUSTERS.cluster1, CLUSTERS.cluster1.nodes[0], layout);
      expect(cluster1).not.toContain('prepared_statements_cache_size');
      expect(cluster1).not.toContain('memtable_allocation_type');
    });

    it('keeps its data when stopped; other clusters start empty', async () => {
      const home = process.env.CASSIA_HOME;
      process.env.CASSIA_HOME = mkdtempSync(join(tmpdir(), 'cassia-home-'));
      try {
        const fleetData = join(process.env.CASSIA_HOME, 'clusters', 'fleet', 'node11', 'data');
        const faultyData = join(process.env.CASSIA_HOME, 'clusters', 'faulty', 'node7', 'data');
        for (const dir of [fleetData, faultyData]) mkdirSync(dir, { recursive: true });
        await stopClusters(['fleet', 'faulty'], () => undefined);
        expect(existsSync(fleetData)).toBe(true);
        expect(existsSync(faultyData)).toBe(false);
        // Asked to, stopping drops the fleet's data too.
        await stopClusters(['fleet'], () => undefined, { keepData: false });
        expect(existsSync(fleetData)).toBe(false);
      } finally {
        if (home === undefined) delete process.env.CASSIA_HOME;
        else process.env.CASSIA_HOME = home;
      }
    });
  });

  it('rejects an unknown cluster name', () => {
    expect(() => clusterSpec('cluster9')).toThrow(/Unknown local cluster 'cluster9'/);
  });
});
