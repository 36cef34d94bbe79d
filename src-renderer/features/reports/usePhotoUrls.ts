import { useEffect, useState } from 'react'
import { photosOf } from '../../db/reads'

/** Object URLs of the registration photos of these candidates, revoked when the list changes. */
export function usePhotoUrls(rosterId: string, admitCardNos: readonly string[]): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map())
  const key = admitCardNos.join(',')
  useEffect(() => {
    let cancelled = false
    const made = new Map<string, string>()
    void (async () => {
      const blobs = await photosOf(rosterId, admitCardNos)
      if (cancelled) return
      blobs.forEach((b, i) => b && made.set(admitCardNos[i]!, URL.createObjectURL(b)))
      setUrls(made)
    })()
    return () => {
      cancelled = true
      for (const u of made.values()) URL.revokeObjectURL(u)
    }
    // key stands for the list's contents
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rosterId, key])
  return urls
}
