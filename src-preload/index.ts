import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_GLOBAL } from '../src-shared/bridge-channels'
import { buildBridgeApi } from './api'

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridgeApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
)
