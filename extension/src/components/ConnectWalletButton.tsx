import { useState } from 'react';
import { useEnvironment } from '../hooks/EnvironmentContext';
import { type Problem, toProblem } from '../lib/companion-error';
import { ProblemMessage } from './ProblemMessage';

/**
 * Opens the companion's wallet-connect page in a new tab (Phantom and EVM wallets inject their
 * providers there), from the popup's footer and the options page's Wallets section.
 */
export function ConnectWalletButton({ className = 'button' }: { className?: string }) {
  const environment = useEnvironment();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [opening, setOpening] = useState(false);
  async function open() {
    setProblem(null);
    setOpening(true);
    try {
      await environment.openWalletConnect();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setOpening(false);
    }
  }
  return (
    <>
      <button type="button" className={className} onClick={() => void open()} disabled={opening} aria-busy={opening} data-testid="connect-wallet">
        Connect a wallet
      </button>
      {problem !== null && <ProblemMessage problem={problem} compact testId="connect-wallet-error" />}
    </>
  );
}
