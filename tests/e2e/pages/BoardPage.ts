import type { Page } from 'playwright-core'

export const STATES = ['expected', 'present', 'late', 'absent', 'refused'] as const
export type Counts = Record<(typeof STATES)[number], number>

/** The site manager's board as a test reads it. */
export class BoardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-board').click()
    await this.page.getByTestId('board').waitFor()
  }

  /** Show the board for a subject by its tab. */
  async showSubject(name: '理论知识' | '技能考核') {
    await this.page
      .getByTestId('board')
      .getByRole('tab', { name: new RegExp(`^${name}`) })
      .click()
  }

  /** The numbers on the tiles, by state. */
  async totals(): Promise<Counts> {
    const out = {} as Counts
    for (const s of STATES) out[s] = Number(await this.page.getByTestId(`board-total-${s}`).innerText())
    return out
  }

  /** Every room's visible numbers beside its bar, by room id, with the room's name as shown. */
  async rooms(): Promise<Record<string, Counts & { total: number; name: string }>> {
    return this.page
      .getByTestId('board-rooms')
      .locator('tbody tr')
      .evaluateAll(
        (rows, states) => {
          const out: Record<string, Record<string, string | number>> = {}
          for (const tr of rows) {
            const id = tr.getAttribute('data-room')!
            const cell = (s: string) => Number(tr.querySelector(`[data-testid="room-${id}-${s}"]`)!.textContent)
            const entry: Record<string, string | number> = { name: tr.querySelector('th')!.textContent ?? '' }
            for (const s of [...states, 'total']) entry[s] = cell(s)
            out[id] = entry
          }
          return out
        },
        STATES as unknown as string[],
      ) as Promise<Record<string, Counts & { total: number; name: string }>>
  }

  /** Close the subject shown; returns how many the confirmation listed. */
  async closeShownSubject(): Promise<number> {
    await this.page.getByTestId('close-subject').click()
    const dialog = this.page.getByTestId('close-dialog')
    await dialog.waitFor()
    const listed = await dialog.locator('tbody tr').count()
    await dialog.getByRole('button', { name: /确认关闭/ }).click()
    await this.page.getByTestId('reopen-subject').waitFor()
    return listed
  }

  async exceptionKinds(): Promise<string[]> {
    return this.page
      .getByTestId('board-exceptions')
      .locator('li')
      .evaluateAll((li) => li.map((x) => x.getAttribute('data-kind') ?? ''))
  }
}
