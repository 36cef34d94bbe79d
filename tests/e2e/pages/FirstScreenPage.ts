import type { Page } from 'playwright-core'

/** The first screen, as a proctor sees it. */
export class FirstScreenPage {
  constructor(readonly page: Page) {}

  async open(url: string) {
    await this.page.goto(url)
    await this.page.getByRole('heading', { level: 1 }).waitFor()
  }
  title() {
    return this.page.getByRole('heading', { level: 1 }).innerText()
  }
  sessionStatus() {
    return this.page.getByTestId('no-session').innerText()
  }
  async switchLanguage(label: '中文' | 'English') {
    await this.page.getByRole('button', { name: label }).click()
  }
  async deviceId() {
    await this.page.waitForFunction(() =>
      /^[0-9a-f ]{39}$/.test(document.querySelector('[data-testid=device-id]')?.textContent ?? ''),
    )
    return (await this.page.getByTestId('device-id').innerText()).replaceAll(' ', '')
  }
  async setDeskName(name: string) {
    await this.page.locator('#desk-name').fill(name)
    await this.page.locator('#desk-name').press('Enter')
  }
  fieldError() {
    return this.page.getByRole('alert').innerText()
  }
}
