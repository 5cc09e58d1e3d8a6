export default defineBackground(() => {
  // Filled in by the badge poller (see src/lib/badge.ts).
});
