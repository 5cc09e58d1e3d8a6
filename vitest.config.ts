import { defineConfig } from 'vitest/config';

// One run covers every package; each project keeps its own config beside its code.
export default defineConfig({
  test: {
    projects: ['shared', 'companion', 'extension'],
  },
});
