// Preload for a window with contextIsolation and sandbox on: built as one CommonJS file, it may
// require only `electron`. Exposes one small object, window.sandlot.
import { contextBridge } from 'electron';
import { VERSION_ARG, type SandlotBridge } from './bridge';

const versionArg = process.argv.find((arg) => arg.startsWith(VERSION_ARG));

const bridge: SandlotBridge = {
  version: versionArg ? versionArg.slice(VERSION_ARG.length) : 'unknown',
  platform: process.platform,
};

contextBridge.exposeInMainWorld('sandlot', bridge);
