import { runCli } from './program.js';

// `pnpm omnifolio …` runs this script inside companion/; npm and pnpm record where the user
// typed the command in INIT_CWD. Working from there makes `parse ./statement.pdf` and
// `--data-dir ./data` mean what the user meant.
if (process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // The directory is gone; paths then resolve from companion/, as they would without npm.
  }
}

/** `pnpm omnifolio <command>`; the commands live in program.ts. */
runCli(process.argv).catch(() => {
  process.exitCode = 1;
});
