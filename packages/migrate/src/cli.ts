#!/usr/bin/env node
// The `cassia` executable: runs the command line and exits with its code once its connections are closed.
import { runCli } from './cli/program';

runCli(process.argv).then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`cassia: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    process.exit(1);
  },
);
