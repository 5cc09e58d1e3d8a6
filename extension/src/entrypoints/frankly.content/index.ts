import { defineContentScript } from 'wxt/utils/define-content-script';
import { franklyCapture } from '../../capture/frankly/frankly-capture';
import { startCaptureContent } from '../../capture/start-capture-content';

/**
 * Registered at run time (capture/register-capture-scripts.ts) for the hostnames the person
 * granted, never in the manifest: declaring them there would grant the hosts at install.
 * `matches` stays empty so WXT adds no host permission for it.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    void startCaptureContent(franklyCapture);
  },
});
