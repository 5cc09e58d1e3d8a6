export interface EmptyPortfolioProps {
  onOpenOptions: (() => void) | null;
}

/** Paired, but there is nothing to add up yet. */
export function EmptyPortfolio({ onOpenOptions }: EmptyPortfolioProps) {
  return (
    <div className="state-card" data-testid="empty-portfolio">
      <p className="state-card__title">No connections yet</p>
      <p className="state-card__hint">
        Add an exchange, a wallet or a broker and its balances show up here. Keys stay on this computer, encrypted by the companion.
      </p>
      {onOpenOptions ? (
        <button type="button" className="button button--primary" onClick={onOpenOptions}>
          Add a connection
        </button>
      ) : (
        <p className="state-card__hint">Add one from the Omnifolio extension’s options page.</p>
      )}
    </div>
  );
}
