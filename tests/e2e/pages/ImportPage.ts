import type { Page } from 'playwright-core'

/** Importing a session package, as the site manager does it: the button, the file chooser, the panel. */
export class ImportPage {
  constructor(readonly page: Page) {}

  importButton() {
    return this.page.getByRole('button', { name: '导入场次包…' })
  }

  /**
   * Start watching the import panel: every progress bar and phase line that shows up is recorded, however
   * briefly, so a test can say the site manager saw one. Call before choosing the file.
   */
  async watchProgress() {
    await this.page.evaluate(() => {
      const w = window as unknown as { __progressSeen: string[] }
      w.__progressSeen = []
      const record = () => {
        const bar = document.querySelector('[data-testid=import-progress]')
        if (!bar) return
        const line = bar.closest('.import-panel')?.textContent ?? ''
        if (w.__progressSeen.at(-1) !== line) w.__progressSeen.push(line)
      }
      new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  }
  /** The panel texts seen while the progress bar was up, in order. */
  progressSeen(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __progressSeen?: string[] }).__progressSeen ?? [])
  }

  /** Click 导入场次包… and pick `path` in the file chooser that opens. */
  async choose(path: string) {
    const chooser = this.page.waitForEvent('filechooser')
    await this.importButton().click()
    await (await chooser).setFiles(path)
  }

  summary() {
    return this.page.getByTestId('import-summary')
  }
  async summaryTable(caption: '按科目' | '按职业与等级' | '按考场'): Promise<string[][]> {
    const rows = this.summary()
      .locator('table', { has: this.page.locator('caption', { hasText: caption }) })
      .locator('tr')
    const out: string[][] = []
    for (const row of await rows.all()) out.push((await row.locator('th, td').allInnerTexts()).map((s) => s.trim()))
    return out
  }
  warnings() {
    return this.summary().locator('ul.warnings li').allInnerTexts()
  }
  /** Confirm the summary; the panel moves on (to 已导入…, or the login screen when no session was loaded). */
  async confirm() {
    const button = this.page.getByRole('button', { name: /确认导入/ })
    await button.click()
    await button.waitFor({ state: 'detached', timeout: 30_000 })
  }

  refusal() {
    return this.page.getByTestId('import-refused')
  }
  /** The refusal as the site manager reads it: title, reason, per-problem lines and the closing hint. */
  async refusalText(): Promise<string> {
    await this.refusal().waitFor({ timeout: 30_000 })
    return this.refusal().innerText()
  }
  async close() {
    await this.page.getByRole('button', { name: '关闭' }).click()
  }
}
