/**
 * CoinEx's deposit and withdrawal lists page by number only (`page`, `limit`, newest first, no
 * time or id filter), but `../ccxt/newest-first-history.ts` resumes an interrupted walk with
 * "older than this id". This reads pages from the first until it has a page's worth of records
 * older than `after`, so the shared walker can be used as is. A new record arriving mid-walk
 * only pushes older ones to later pages, which are read anyway; the cost is re-reading the
 * newer pages on a resumed walk, small for transfer histories.
 */
export type PageByNumber = (page: number) => Promise<{ rows: Record<string, unknown>[]; hasNext: boolean }>;

export async function olderThan(
  fetchPage: PageByNumber,
  after: bigint | undefined,
  pageLimit: number,
  idOf: (row: Record<string, unknown>) => bigint,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let page = 1; ; page += 1) {
    const { rows, hasNext } = await fetchPage(page);
    found.push(...rows.filter((row) => after === undefined || idOf(row) < after));
    if (found.length >= pageLimit || !hasNext || rows.length === 0) break;
  }
  return found.sort((a, b) => (idOf(b) > idOf(a) ? 1 : idOf(b) < idOf(a) ? -1 : 0)).slice(0, pageLimit);
}
