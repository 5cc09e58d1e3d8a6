import { addDays } from '../../engine/local-day.js';
import { latestExpectedReferenceDay } from '../../pricing/providers/ecb/ecb-publication-calendar.js';
import { HostedSimulator } from '../framework/hosted-simulator.js';
import { type SimulatorClock, type SimulatorRequest, type SimulatorResponse, SimulatorServer } from '../framework/simulator-server.js';
import { type EcbRateTable, ecbSeries, loadEcbAnchors } from './ecb-rate-series.js';

/**
 * The ECB's reference-rate files as its web server serves them, for tests and the demo:
 * `/stats/eurofxref/eurofxref-daily.xml`, `eurofxref-hist-90d.xml` and `eurofxref-hist.xml`
 * in the ECB's gesmes XML, from the anchors in ecb-anchor-rates.json (real rates, see
 * ecb-rate-series.ts for the days between them).
 *
 * Publication follows the simulator's clock: a TARGET working day's rates appear at 16:00
 * Frankfurt time, none on weekends and TARGET holidays, exactly as the client expects them.
 * Faults: any scripted status (503 for the ECB's maintenance page) through `faults`, and
 * `truncateNext()` for a document cut off mid-transfer.
 *
 * What it does not model: the zipped CSV files, ETag/If-Modified-Since (the client never
 * asks conditionally), and the ECB's CDN caching.
 */

export const ECB_SIM_PATH = '/stats/eurofxref';

export interface EcbSimulatorOptions {
  clock?: SimulatorClock;
  table?: EcbRateTable;
}

export class EcbSimulator extends HostedSimulator {
  protected readonly server: SimulatorServer;
  readonly #table: EcbRateTable;
  #truncate = 0;
  /** Documents by `<name>|<newest day>`: the full history is rebuilt only when a new day is published. */
  readonly #cache = new Map<string, string>();

  constructor(options: EcbSimulatorOptions = {}) {
    super();
    this.#table = options.table ?? loadEcbAnchors();
    this.server = new SimulatorServer({
      clock: options.clock,
      handler: (request) => this.#handle(request),
    });
  }

  /** The base URL the ECB client takes (the ECB's `/stats/eurofxref`). */
  get apiUrl(): string {
    return `${this.baseUrl}${ECB_SIM_PATH}`;
  }

  /** The next `count` documents are cut off in the middle, as a dropped transfer leaves them. */
  truncateNext(count = 1): void {
    this.#truncate += count;
  }

  /** The newest reference day published at the simulator's current time. */
  latestDay(): string {
    return latestExpectedReferenceDay(new Date(this.now()));
  }

  #handle(request: SimulatorRequest): SimulatorResponse {
    const name = request.path.startsWith(`${ECB_SIM_PATH}/`) ? request.path.slice(ECB_SIM_PATH.length + 1) : '';
    if (request.method !== 'GET' || !['eurofxref-daily.xml', 'eurofxref-hist-90d.xml', 'eurofxref-hist.xml'].includes(name))
      return { status: 404, headers: { 'content-type': 'text/html' }, text: '<html><body><h1>Page not found</h1></body></html>' };
    const newest = latestExpectedReferenceDay(new Date(request.now));
    const key = `${name}|${newest}`;
    let body = this.#cache.get(key);
    if (body === undefined) {
      const from = name === 'eurofxref-daily.xml' ? newest : name === 'eurofxref-hist-90d.xml' ? addDays(newest, -90) : '1999-01-01';
      body = gesmes(ecbSeries(this.#table, from, newest));
      // Only one version of each document is ever current.
      for (const k of this.#cache.keys()) if (k.startsWith(`${name}|`)) this.#cache.delete(k);
      this.#cache.set(key, body);
    }
    if (this.#truncate > 0) {
      this.#truncate -= 1;
      body = body.slice(0, Math.floor(body.length / 2));
    }
    return { status: 200, headers: { 'content-type': 'text/xml' }, text: body };
  }
}

/** Writes days in the ECB's gesmes envelope, byte for byte in its layout (tabs, single quotes). */
export function gesmes(days: { day: string; rates: Map<string, string> }[]): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">\n',
    '\t<gesmes:subject>Reference rates</gesmes:subject>\n',
    '\t<gesmes:Sender>\n\t\t<gesmes:name>European Central Bank</gesmes:name>\n\t</gesmes:Sender>\n',
    '\t<Cube>\n',
  ];
  for (const { day, rates } of days) {
    parts.push(`\t\t<Cube time='${day}'>\n`);
    for (const [currency, rate] of rates) parts.push(`\t\t\t<Cube currency='${currency}' rate='${rate}'/>\n`);
    parts.push('\t\t</Cube>\n');
  }
  parts.push('\t</Cube>\n</gesmes:Envelope>');
  return parts.join('');
}
