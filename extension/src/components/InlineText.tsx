/**
 * Text from the companion or from us, with `backtick` spans shown as code, so a hint like
 * "Start it with `npm start`" shows the command the way it must be typed.
 */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>{parts.map((part, index) => (part.startsWith('`') && part.endsWith('`') && part.length > 2 ? <code key={index}>{part.slice(1, -1)}</code> : part))}</>
  );
}
