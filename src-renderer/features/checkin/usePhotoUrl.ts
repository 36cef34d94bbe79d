import { useEffect, useState } from 'react'
import { photoOf } from '../../db/reads'

/** An object URL for a candidate's registration photo (or raw bytes), revoked when no longer shown. */
export function usePhotoUrl(
  rosterId: string | undefined,
  admitCardNo: string | undefined,
  bytes?: Uint8Array,
): string | null {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let made: string | null = null
    let cancelled = false
    setUrl(null)
    void (async () => {
      let blob: Blob | undefined
      if (bytes) blob = new Blob([bytes as BlobPart])
      else if (rosterId && admitCardNo) blob = await photoOf(rosterId, admitCardNo)
      if (!blob || cancelled) return
      made = URL.createObjectURL(blob)
      setUrl(made)
    })()
    return () => {
      cancelled = true
      if (made) URL.revokeObjectURL(made)
    }
  }, [rosterId, admitCardNo, bytes])
  return url
}
