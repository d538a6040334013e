// A full garbage collection on demand, without --expose-gc on the command line: the flag can be
// set at run time, and a fresh context then sees the function.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose_gc');

/** Runs a full collection. */
export const collectGarbage = runInNewContext('gc') as () => void;
