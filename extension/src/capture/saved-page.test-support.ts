import { Window } from 'happy-dom';
import { FIXTURE_SITES, readFixture } from '../../e2e/fixtures/provider-sites';

/**
 * A saved provider page as a DOM, as the content script sees it after the app has drawn
 * it. Page scripts do not run: what they would add is added by the test itself.
 */
export function loadSavedPage(
  site: keyof typeof FIXTURE_SITES,
  path: string = FIXTURE_SITES[site].pagePath,
): { document: Document; url: string; close: () => Promise<void> } {
  const { host, responses } = FIXTURE_SITES[site];
  const url = `https://${host}${path}`;
  const page = responses[path as keyof typeof responses] as { file: string } | undefined;
  if (!page) throw new Error(`No saved page for ${url}.`);
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      navigation: { disableMainFrameNavigation: true },
    },
  });
  window.document.write(readFixture(page.file).toString('utf8'));
  // happy-dom's Document implements the DOM the capture reads; its own types are separate.
  return { document: window.document as unknown as Document, url, close: () => window.happyDOM.close() };
}
