import type { ActivityView, ConnectionSummary } from '@omnifolio/shared/api';
import { type ActivityType, activityTypes } from '@omnifolio/shared/schemas';
import { useEffect, useId, useRef, useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { ACTIVITY_LABELS } from '../lib/activity-labels';
import { type Problem, toProblem } from '../lib/companion-error';
import { ActivityTable } from './ActivityTable';
import { ProblemMessage } from './ProblemMessage';

const PAGE = 50;

interface Filters {
  connectionId: string;
  type: ActivityType | '';
  asset: string;
}

/**
 * Every movement the companion stored (syncs, statements, captured pages), newest first, with
 * filters by platform, type and asset, fifty at a time. It reloads when `refreshKey` changes
 * (after a sync), so new activity appears without leaving the page.
 */
export function ActivityList({ connections, refreshKey }: { connections: ConnectionSummary[]; refreshKey: string | null }) {
  const environment = useEnvironment();
  const [filters, setFilters] = useState<Filters>({ connectionId: '', type: '', asset: '' });
  const [assetInput, setAssetInput] = useState('');
  const [items, setItems] = useState<ActivityView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  // Only the newest request may set state: a slow page never lands under newer filters.
  const generation = useRef(0);
  const assetId = useId();

  const load = async (before: string | null) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const { client } = await environment.access();
      const page = await client.activities({
        limit: PAGE,
        ...(before === null ? {} : { before }),
        ...(filters.connectionId === '' ? {} : { connectionId: filters.connectionId }),
        ...(filters.type === '' ? {} : { type: filters.type }),
        ...(filters.asset === '' ? {} : { asset: filters.asset }),
      });
      if (mine !== generation.current) return;
      setItems((shown) => (before === null ? page.items : [...shown, ...page.items]));
      setNext(page.next);
      setProblem(null);
    } catch (error) {
      if (mine === generation.current) setProblem(toProblem(error));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };
  const loadRef = useRef(load);
  loadRef.current = load;

  // Back to the first page whenever the filters or the stored data change.
  useEffect(() => {
    void loadRef.current(null);
  }, [filters, refreshKey]);

  const filtered = filters.connectionId !== '' || filters.type !== '' || filters.asset !== '';
  return (
    <section className="panel" aria-labelledby="activity-heading" data-testid="activity">
      <div className="panel__header">
        <h2 className="panel__heading" id="activity-heading">
          Activity
        </h2>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters((f) => ({ ...f, asset: assetInput.trim() }));
          }}
        >
          <select
            className="input input--small"
            aria-label="Platform"
            value={filters.connectionId}
            onChange={(e) => setFilters((f) => ({ ...f, connectionId: e.target.value }))}
            data-testid="activity-platform"
          >
            <option value="">All platforms</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <select
            className="input input--small"
            aria-label="Type"
            value={filters.type}
            onChange={(e) => setFilters((f) => ({ ...f, type: e.target.value as ActivityType | '' }))}
            data-testid="activity-type"
          >
            <option value="">All types</option>
            {activityTypes.map((t) => (
              <option key={t} value={t}>
                {ACTIVITY_LABELS[t]}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={assetId}>
            Asset (press Enter)
          </label>
          <input
            id={assetId}
            className="input input--small"
            type="search"
            placeholder="Asset, e.g. BTC"
            value={assetInput}
            onChange={(e) => {
              setAssetInput(e.target.value);
              // Clearing the field shows every asset again at once.
              if (e.target.value === '') setFilters((f) => ({ ...f, asset: '' }));
            }}
            data-testid="activity-asset"
          />
        </form>
      </div>
      {problem !== null && <ProblemMessage problem={problem} />}
      {items.length > 0 && <ActivityTable items={items} />}
      {!loading && problem === null && items.length === 0 && (
        <p className="text-muted" data-testid="activity-empty">
          {filtered ? 'No activity matches these filters.' : 'No activity stored yet: syncs, statements and captured pages bring it in.'}
        </p>
      )}
      {loading && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading activity…
        </p>
      )}
      {!loading && next !== null && (
        <button type="button" className="button button--small" onClick={() => void load(next)} data-testid="activity-more">
          Show older activity
        </button>
      )}
    </section>
  );
}
