import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'companion',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Simulators and servers bind real loopback ports; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
