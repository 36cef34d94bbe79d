import { useEffect, useState } from 'react'
import { roster } from '../../db'

/** Object URLs of the registration photos of these candidates, revoked when the list changes. */
export function usePhotoUrls(rosterId: string, admitCardNos: readonly string[]): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map())
  const key = admitCardNos.join(',')
  useEffect(() => {
    let cancelled = false
    const made = new Map<string, string>()
    void (async () => {
      const records = await roster.photos.bulkGet(admitCardNos.map((no) => [rosterId, no] as [string, string]))
      if (cancelled) return
      for (const r of records) if (r) made.set(r.admitCardNo, URL.createObjectURL(r.blob))
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
