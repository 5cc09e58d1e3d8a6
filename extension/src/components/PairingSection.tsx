import { useState } from 'react';
import type { PairingState } from '../hooks/usePairing';
import { type Problem, toProblem } from '../lib/companion-error';
import { PairedState } from './PairedState';
import { PairingForm } from './PairingForm';
import { ProblemMessage } from './ProblemMessage';
import { Section } from './Section';

export interface PairingSectionProps {
  pairing: PairingState;
  /** From loading the connections: tells whether the stored token still works. */
  accessProblem: Problem | null;
  checking: boolean;
  tokenLabel: string;
}

export function PairingSection({ pairing, accessProblem, checking, tokenLabel }: PairingSectionProps) {
  const [notice, setNotice] = useState<Problem | null>(null);

  async function onUnpair() {
    setNotice(null);
    try {
      const { revoked } = await pairing.unpair();
      if (!revoked) {
        setNotice({
          code: 'not_revoked',
          message: 'Unpaired here, but the companion was not running, so it still accepts the old token.',
          hints: [`After pairing again, revoke the older “${tokenLabel}” token under API tokens.`],
        });
      }
    } catch (error) {
      setNotice(toProblem(error));
    }
  }

  return (
    <Section
      id="pairing"
      title="Companion"
      description={
        pairing.pairing === null ? (
          <>
            The extension reads your portfolio from the Omnifolio companion on this computer. Start it with <code>npm start</code> in the Omnifolio folder, then
            enter the port and pairing code it prints.
          </>
        ) : undefined
      }
    >
      {!pairing.loaded ? null : pairing.pairing === null ? (
        <PairingForm initialPort={pairing.port} onPair={pairing.pair} />
      ) : (
        <PairedState pairing={pairing.pairing} problem={accessProblem} checking={checking} onUnpair={onUnpair} />
      )}
      {notice !== null && <ProblemMessage problem={notice} tone="warning" />}
    </Section>
  );
}
