// The bridge for React components: provided once at the root, read with useBridge().
import { createContext, useContext, type JSX, type ReactNode } from 'react';
import type { SandlotBridge } from '../../src-main/contract/bridge';

const BridgeContext = createContext<SandlotBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: SandlotBridge; children: ReactNode }): JSX.Element {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): SandlotBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() outside <BridgeProvider>');
  return bridge;
}
