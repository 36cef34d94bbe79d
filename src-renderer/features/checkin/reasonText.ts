/** One plain line per verdict reason, from the locale files; times in the desk's local clock. */
import type { TFunction } from 'i18next'
import type { Reason } from '../../../src-shared/verdict'
import { localTime } from '../../clock'

export interface Names {
  desk(deviceId: string): string
  staff(staffId: string | null): string
  /** "考点负责人 王建国": the name with the role the person holds on this roster. */
  staffWithRole(staffId: string | null): string
  room(roomId: string): string
}

export function reasonText(t: TFunction, r: Reason, names: Names): string {
  const subject = (code: string) => t(`subject.${code}`)
  const docType = (code: string) => t(`docType.${code}`)
  switch (r.code) {
    case 'notOnRoster':
      return t(`reason.notOnRoster_${r.lookup}`, { value: r.value })
    case 'otherSession':
      return t('reason.otherSession', { admitCardNo: r.admitCardNo, sessionId: r.sessionId })
    case 'forgedAdmitCard':
      return t('reason.forgedAdmitCard', { claimed: r.claimedAdmitCardNo ?? '—' })
    case 'incompleteQr':
      return t('reason.incompleteQr')
    case 'otherRoom':
      return t('reason.otherRoom', { room: names.room(r.roomId), rooms: r.deskRooms.map(names.room).join('、') })
    case 'unsupportedAdmitCard':
      return t('reason.unsupportedAdmitCard')
    case 'revokedAdmitCard':
      return t('reason.revokedAdmitCard', { admitCardNo: r.admitCardNo })
    case 'invalidCheckDigit':
      return t('reason.invalidCheckDigit', { type: docType(r.type), raw: r.raw })
    case 'invalidDocumentNumber':
      return t(`reason.invalidDocumentNumber_${r.validation}`, { raw: r.raw, length: r.length })
    case 'ambiguousDocument':
      return t('reason.ambiguousDocument', { list: r.admitCardNos.join('、') })
    case 'notRegisteredForSubject':
      return t('reason.notRegisteredForSubject', {
        subject: subject(r.subject),
        registered: r.registeredSubjects.map(subject).join('、'),
      })
    case 'alreadyCheckedIn':
      return t(r.sameDesk ? 'reason.alreadyCheckedIn_here' : 'reason.alreadyCheckedIn', {
        time: localTime(r.at),
        desk: names.desk(r.deviceId),
        staff: names.staffWithRole(r.staffId),
      })
    case 'subjectClosed':
      return t('reason.subjectClosed', { subject: subject(r.subject) })
    case 'beforeDoorsOpen':
      return t('reason.beforeDoorsOpen', { time: localTime(r.doorsOpen), minutes: r.minutesEarly })
    case 'lateEntryClosed':
      return t('reason.lateEntryClosed', {
        start: localTime(r.start),
        cutoff: localTime(r.cutoff),
        minutes: r.minutesLate,
      })
    case 'late':
      return t('reason.late', { start: localTime(r.start), cutoff: localTime(r.cutoff), minutes: r.minutesLate })
    case 'wrongDocumentType':
      return t('reason.wrongDocumentType', { registered: docType(r.registered), presented: docType(r.presented) })
    case 'documentTypeMismatch':
      return t('reason.documentTypeMismatch', { registered: docType(r.registered), presented: docType(r.presented) })
    case 'documentNumberMismatch':
      return t('reason.documentNumberMismatch', { registered: r.registered.number, presented: r.presented.number })
    case 'nameMismatch':
      return t('reason.nameMismatch', {
        registered: r.registered,
        presented: r.presented,
        flags: r.flags.map((f) => t(`nameFlag.${f}`)).join('；'),
      })
    case 'birthDateMismatch':
      return t('reason.birthDateMismatch', { registered: r.registered, presented: r.presented })
    case 'cardReaderMismatch':
      return t(`reason.cardReaderMismatch_${r.field}`, { expected: r.expected, presented: r.presented })
    case 'documentExpired':
      return t('reason.documentExpired', { validTo: r.validTo })
    case 'documentNotYetValid':
      return t('reason.documentNotYetValid', { validFrom: r.validFrom })
    case 'photoMissing':
      return t('reason.photoMissing')
    case 'previouslyRefused':
      return t('reason.previouslyRefused', { time: localTime(r.at), reason: r.reason ?? r.reasons.join('、') })
    case 'overridden':
      return t('reason.overridden', { approvedBy: names.staff(r.approvedBy), reason: r.reason })
  }
}
