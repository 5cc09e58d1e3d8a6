import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_COMPANION_PORT } from '../lib/constants';
import type { ExtensionEnvironment } from '../lib/environment';
import { pairWithCompanion, type UnpairResult, unpair } from '../lib/pairing';
import type { Pairing } from '../lib/settings';

export interface PairingState {
  loaded: boolean;
  pairing: Pairing | null;
  /** The port to suggest on the form: the last one typed, else the default. */
  port: number;
  pair(port: number, code: string): Promise<void>;
  unpair(): Promise<UnpairResult>;
}

/** The extension's pairing with the companion, kept in step with other extension pages. */
export function usePairing(environment: ExtensionEnvironment): PairingState {
  const [state, setState] = useState<{ loaded: boolean; pairing: Pairing | null; port: number | null }>({
    loaded: false,
    pairing: null,
    port: null,
  });

  const read = useCallback(async () => {
    const [pairing, port] = await Promise.all([environment.pairing.getPairing(), environment.pairing.getPort()]);
    setState({ loaded: true, pairing, port });
  }, [environment]);

  useEffect(() => {
    void read();
    return environment.subscribe((change) => {
      if (change === 'access') void read();
    });
  }, [environment, read]);

  const pair = useCallback(
    async (port: number, code: string) => {
      await environment.pairing.savePort(port);
      await pairWithCompanion({ port, code, label: environment.tokenLabel }, environment.pairing);
      await read();
    },
    [environment, read],
  );

  const doUnpair = useCallback(async () => {
    const result = await unpair(environment.pairing);
    await read();
    return result;
  }, [environment, read]);

  return {
    loaded: state.loaded,
    pairing: state.pairing,
    port: state.port ?? state.pairing?.port ?? DEFAULT_COMPANION_PORT,
    pair,
    unpair: doUnpair,
  };
}
