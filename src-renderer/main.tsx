import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBridge } from './bridge';
import { BridgeProvider } from './bridge/context';
import { appStore } from './store';
import { startSession } from './store/session';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const bridge = createBridge();
startSession(bridge, appStore);

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={bridge}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
