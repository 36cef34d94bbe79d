import type { Page } from 'playwright-core'

/** The desk as a proctor uses it: keys and what the screen says. Counts every key press. */
export class DeskPage {
  keyPresses = 0
  constructor(readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url)
    await this.page.getByRole('heading', { level: 1 }).waitFor()
  }

  /** Load the demo session from the first screen and confirm the import. */
  async loadDemo() {
    await this.page.getByRole('button', { name: '加载演示场次（培训用）' }).click()
    await this.page.getByTestId('import-summary').waitFor({ timeout: 30_000 })
    await this.page.getByRole('button', { name: /确认导入/ }).click()
  }

  async login(name: string, pin: string) {
    const list = this.page.getByRole('listbox')
    await list.getByText(name).click()
    await this.page.getByTestId('pin').fill(pin)
    await this.page.getByTestId('pin').press('Enter')
  }

  async setUp(subject: '理论知识' | '技能考核') {
    await this.page.getByTestId('desk-setup').waitFor()
    await this.page.getByLabel(new RegExp(subject)).check()
    await this.page.getByRole('button', { name: '开始签到' }).click()
    await this.page.getByTestId('scan').waitFor()
  }

  /** A keyboard-wedge scanner: fast keys then Enter, into whatever has focus. */
  async scan(code: string) {
    await this.page.keyboard.type(code)
    await this.page.keyboard.press('Enter')
    this.keyPresses += 0 // a scan is one action of the scanner, not key presses of the proctor
  }

  /**
   * A proctor types a number into the scan field and presses Enter. Unlike `scan`, it never depends on key
   * timing, so a loaded machine cannot split it into two scans.
   */
  async enter(text: string) {
    await this.page.getByTestId('scan').fill(text)
    await this.press('Enter')
  }

  async press(key: string) {
    this.keyPresses++
    await this.page.keyboard.press(key)
  }

  verdict() {
    return this.page.getByTestId('verdict')
  }
  async outcome() {
    return this.verdict().getAttribute('data-outcome')
  }
  async reasons() {
    return this.verdict().locator('li').allInnerTexts()
  }
  admitted() {
    return this.page.getByTestId('admitted')
  }
}
