import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionRecord } from '../../db/roster'
import type { DeskData } from '../../state/desk-data'
import type { Names } from './reasonText'

/** How the desk names desks, staff (with their role) and rooms on screen. */
export function useDeskNames(session: SessionRecord, data: DeskData, deviceId: string, deskName: string): Names {
  const { t } = useTranslation()
  return useMemo(() => {
    const staff = (id: string | null) => (id ? (data.staffById.get(id)?.name ?? id) : '—')
    return {
      desk: (id: string) =>
        id === deviceId ? deskName || t('checkin.thisDesk') : t('checkin.otherDesk', { id: id.slice(0, 8) }),
      staff,
      staffWithRole: (id: string | null) => {
        const who = id ? data.staffById.get(id) : undefined
        return who ? `${t(`role.${who.role}`)} ${who.name}` : staff(id)
      },
      room: (id: string) => session.rooms.find((r) => r.id === id)?.name ?? id,
    }
  }, [session.rooms, data.staffById, deviceId, deskName, t])
}
