import type { Page } from 'playwright-core'

const STATES = ['expected', 'present', 'late', 'absent', 'refused'] as const

/** The site manager's board as a test reads it. */
export class BoardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-board').click()
    await this.page.getByTestId('board').waitFor()
  }

  /** The numbers on the tiles, by state. */
  async totals(): Promise<Record<(typeof STATES)[number], number>> {
    const out = {} as Record<(typeof STATES)[number], number>
    for (const s of STATES) out[s] = Number(await this.page.getByTestId(`board-total-${s}`).innerText())
    return out
  }

  async exceptionKinds(): Promise<string[]> {
    return this.page
      .getByTestId('board-exceptions')
      .locator('li')
      .evaluateAll((li) => li.map((x) => x.getAttribute('data-kind') ?? ''))
  }
}
