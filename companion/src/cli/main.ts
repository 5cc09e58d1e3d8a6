import { runCli } from './program.js';

/** `pnpm omnifolio <command>`; the commands live in program.ts. */
runCli(process.argv).catch(() => {
  process.exitCode = 1;
});
