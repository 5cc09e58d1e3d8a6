import { Window } from 'happy-dom';
import { FIXTURE_SITES, readFixture } from '../../e2e/fixtures/provider-sites';

/**
 * A saved provider page as a DOM, as the content script sees it after the app has drawn
 * it. Page scripts do not run: what they would add is added by the test itself.
 */
export function loadSavedPage(site: keyof typeof FIXTURE_SITES): { document: Document; url: string; close: () => Promise<void> } {
  const { host, pagePath, responses } = FIXTURE_SITES[site];
  const url = `https://${host}${pagePath}`;
  const page = responses[pagePath as keyof typeof responses] as { file: string };
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
