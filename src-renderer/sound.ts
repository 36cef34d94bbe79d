/** A distinct sound for admit, attention and refusal (peers.md): the proctor hears the verdict. */
let ctx: AudioContext | null = null

const TONES: Record<'admit' | 'attention' | 'refuse', { freq: number[]; ms: number }> = {
  admit: { freq: [880], ms: 120 },
  attention: { freq: [660, 880], ms: 110 },
  refuse: { freq: [330, 220], ms: 180 },
}

export function beep(kind: keyof typeof TONES): void {
  try {
    ctx ??= new AudioContext()
    const tone = TONES[kind]
    let at = ctx.currentTime
    for (const f of tone.freq) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.frequency.value = f
      gain.gain.value = 0.08
      osc.connect(gain).connect(ctx.destination)
      osc.start(at)
      osc.stop(at + tone.ms / 1000)
      at += tone.ms / 1000 + 0.03
    }
  } catch {
    // No audio device: the colours still say it.
  }
}
