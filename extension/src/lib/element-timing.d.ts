import 'react';

declare module 'react' {
  interface HTMLAttributes<T> {
    /**
     * The Element Timing API's marker (https://w3c.github.io/element-timing/): the browser
     * reports when the element was first painted. On the total, for the popup's first-paint
     * benchmark (bench/popup-first-paint.ts). Not yet in @types/react.
     */
    elementtiming?: string;
  }
}
