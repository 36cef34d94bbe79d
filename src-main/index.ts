/**
 * Electron wiring, kept thin: every decision lives in policy.ts, ipc.ts, handlers.ts and desk-key.ts,
 * which are tested without the Electron binary.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell } from 'electron'
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { resolveAppFile, securityHeaders, mimeTypeOf } from './app-files'
import { loadOrCreateDeskKey, keyProtection, type DeskKey } from './desk-key'
import { createCardReader, readerSettingsFromEnv } from './card-reader'
import { createHandlers } from './handlers'
import { registerHandlers } from './ipc'
import { isOpenedFileUrl, OpenedFiles } from './opened-files'
import {
  APP_ORIGIN,
  APP_SCHEME,
  devToolsAllowed,
  isAllowedExternal,
  isAllowedNavigation,
  isPermissionAllowed,
  pinnedHqOrigin,
  windowOptions,
} from './policy'

// A custom scheme must be privileged before `ready`, or IndexedDB is disabled on it (electron.md).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

// The portable build keeps its data next to the exe, so a desk's ledger travels with it.
if (process.env.PORTABLE_EXECUTABLE_DIR) {
  app.setPath('userData', join(process.env.PORTABLE_EXECUTABLE_DIR, 'ExamDesk-data'))
}

// Two instances writing one database lose data (Joplin #255): one instance only.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  const kioskRequested = process.argv.includes('--kiosk') || process.env.EXAMDESK_KIOSK === '1'
  const rendererDir = join(__dirname, '../renderer')
  const openedFiles = new OpenedFiles()

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })

  let deskKey: Promise<DeskKey> | null = null
  const getDeskKey = () =>
    (deskKey ??= loadOrCreateDeskKey(join(app.getPath('userData'), 'desk-key.sealed'), safeStorage))

  // sdtapi.dll on Windows (through koffi), the simulated reader with nothing presented elsewhere.
  const cardReader = createCardReader(readerSettingsFromEnv(process.env), process.platform, (message) =>
    console.warn(`[card reader] ${message}`),
  )
  app.on('will-quit', () => void cardReader.close())

  void app.whenReady().then(() => {
    void cardReader.open()
    const ses = session.defaultSession
    ses.setPermissionRequestHandler((wc, permission, callback) =>
      callback(isPermissionAllowed(permission, wc.getURL())),
    )
    ses.setPermissionCheckHandler((_wc, permission, origin) => isPermissionAllowed(permission, origin))

    protocol.handle(APP_SCHEME, async (request) => {
      if (isOpenedFileUrl(request.url)) {
        const picked = openedFiles.take(request.url)
        if (!picked) return new Response('not found', { status: 404 })
        // Streamed from disk as the renderer reads it: never whole in main's memory.
        const res = await net.fetch(pathToFileURL(picked).toString())
        return new Response(res.body, {
          headers: { 'Content-Type': 'application/octet-stream', ...securityHeaders() },
        })
      }
      const file = resolveAppFile(rendererDir, request.url)
      if (!file) return new Response('not found', { status: 404 })
      try {
        const res = await net.fetch(pathToFileURL(file).toString())
        const body = await res.arrayBuffer()
        return new Response(body, { headers: { 'Content-Type': mimeTypeOf(file), ...securityHeaders() } })
      } catch {
        return new Response('not found', { status: 404 })
      }
    })

    registerHandlers(
      ipcMain,
      createHandlers({
        version: app.getVersion(),
        os: `${process.platform} ${process.arch}`,
        keyProtection: keyProtection(safeStorage, process.platform),
        deskKey: getDeskKey,
        isKiosk: () => mainWindow?.isKiosk() ?? false,
        setKiosk: (on) => mainWindow?.setKiosk(on),
        showOpenDialog: async (filters) => {
          if (!mainWindow) return null
          const r = await dialog.showOpenDialog(mainWindow, { properties: ['openFile'], filters })
          return r.canceled ? null : (r.filePaths[0] ?? null)
        },
        showSaveDialog: async (defaultPath, filters) => {
          if (!mainWindow) return null
          const r = await dialog.showSaveDialog(mainWindow, { defaultPath, filters })
          return r.canceled ? null : (r.filePath ?? null)
        },
        fileSize: async (path) => (await stat(path)).size,
        openedFiles,
        writeFile: (path, bytes) => writeFile(path, bytes),
        printToPdf: async ({ landscape }) => {
          if (!mainWindow) throw new Error('no window')
          return new Uint8Array(await mainWindow.webContents.printToPDF({ landscape, printBackground: true }))
        },
        fetch: (url, init) => net.fetch(url, init),
        hqOrigin: pinnedHqOrigin(process.env),
        cardReader: () => cardReader,
      }),
    )

    mainWindow = new BrowserWindow(
      windowOptions({
        preloadPath: join(__dirname, '../preload/index.cjs'),
        kiosk: kioskRequested,
        devTools: devToolsAllowed(app.isPackaged, process.env),
        iconPath: join(__dirname, '../../resources/icon.png'),
      }),
    )
    mainWindow.once('ready-to-show', () => mainWindow?.show())
    void mainWindow.loadURL(`${APP_ORIGIN}/index.html`)
  })

  app.on('window-all-closed', () => app.quit())
}
