// Where `npm run bench -- --fleet` runs, and what its flags mean: the dedicated fleet node by
// default, never cluster1 or cluster2 (even when the environment points tests at them).
import { fleetCommand } from '../src/fleet-main';
import { fleetTarget, openFleetNode } from '../src/fleet-target';

describe('fleet bench target', () => {
  it("defaults to testkit's fleet node on 127.0.0.11, whatever CASSIA_CLUSTER1/2 say", () => {
    const target = fleetTarget({ CASSIA_CLUSTER1: '127.0.0.1:9042', CASSIA_CLUSTER2: '127.0.0.2:9042' });
    expect(target).toEqual({ kind: 'testkit', cluster: 'fleet', contactPoint: '127.0.0.11:9042' });
    expect(fleetTarget({ CASSIA_FLEET_CONTACT: '' })).toEqual(target);
  });

  it('runs on the node CASSIA_FLEET_CONTACT names, and neither starts nor stops it', async () => {
    const target = fleetTarget({ CASSIA_FLEET_CONTACT: '10.0.0.7:19042' });
    expect(target).toEqual({ kind: 'environment', contactPoint: '10.0.0.7:19042' });
    const lines: string[] = [];
    const node = await openFleetNode(target, { keep: false }, (line) => lines.push(line));
    expect(node.contactPoint).toBe('10.0.0.7:19042');
    await node.release();
    expect(lines).toEqual(['fleet: using the node at 10.0.0.7:19042 (CASSIA_FLEET_CONTACT); it is not started or stopped here']);
  });

  it('refuses a CASSIA_FLEET_CONTACT that is not host or host:port', () => {
    expect(() => fleetTarget({ CASSIA_FLEET_CONTACT: '127.0.0.1:9042, 127.0.0.2' })).toThrow(/CASSIA_FLEET_CONTACT must be host or host:port/);
  });
});

describe('fleet bench flags', () => {
  it("defaults to the issue's size: 1,000 keyspaces of one table and 100 of 20, node stopped after a run that started it", () => {
    expect(fleetCommand(['--fleet'])).toEqual({ keyspaces: 1_000, wideKeyspaces: 100, rounds: 4, drop: false, keep: false });
  });

  it('reads sizes, --fleet-keep and --fleet-drop, and refuses anything else', () => {
    expect(fleetCommand(['--fleet', '--fleet-keyspaces=200', '--fleet-keep'])).toEqual({ keyspaces: 200, wideKeyspaces: 20, rounds: 4, drop: false, keep: true });
    expect(fleetCommand(['--fleet', '--fleet-rounds=12'])).toMatchObject({ rounds: 12 });
    expect(() => fleetCommand(['--fleet', '--fleet-rounds=0'])).toThrow(/--fleet-rounds needs a positive integer/);
    expect(fleetCommand(['--fleet-drop'])).toMatchObject({ drop: true });
    expect(fleetCommand(['--fleet', '--fleet-keyspaces=50', '--fleet-wide-keyspaces=3'])).toMatchObject({ keyspaces: 50, wideKeyspaces: 3 });
    expect(() => fleetCommand(['--fleet', '--fleet-keyspaces=0'])).toThrow(/--fleet-keyspaces needs a positive integer/);
    expect(() => fleetCommand(['--fleet', '--quick'])).toThrow(/unknown flag --quick with --fleet/);
  });
});
