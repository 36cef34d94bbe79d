import type { Page } from 'playwright-core'

/** The 上传/导出 tab as a site manager uses it. */
export class SyncPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-sync').click()
  }

  /** A proctor is logged in: a site manager approves with their PIN. */
  async approve(pin: string) {
    await this.page.getByTestId('sync-approval').waitFor()
    await this.page.getByLabel('PIN').fill(pin)
    await this.page.getByRole('button', { name: '确认' }).click()
  }

  async upload() {
    await this.page.getByTestId('sync-upload').click()
  }

  async enrol(token: string) {
    await this.page.getByLabel('总部登记码').fill(token)
    await this.page.getByTestId('sync-enrol').click()
  }

  outcome() {
    return this.page.getByTestId('sync-outcome')
  }
  counts() {
    return this.page.getByTestId('sync-counts')
  }
  receipt() {
    return this.page.getByTestId('sync-receipt')
  }
}
