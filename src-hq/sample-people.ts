/**
 * Synthetic people for sample sessions: names (Han names, a few with the middle dot, a few Latin
 * names with passports), sex, birth date and an identity document whose number is valid and agrees
 * with the sex and birth date it encodes. Region codes are real (110105 北京朝阳, 310104 上海徐汇 …).
 */
import { hkIdCheckChar, makeResidentId } from '../src-shared/id-documents'
import type { IdDocument, IdDocumentType, Sex } from '../src-shared/schemas'
import { intBetween, pickOne, pickWeighted, type Random } from './random'

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
]
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方']
const MALE_GIVEN = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文博睿哲轩然晨昊天翔']
const FEMALE_GIVEN = [...'芳娜敏静丽艳娟霞秀玲桂英华慧巧美倩婷雪琳晶颖露瑶怡欣悦佳琪梦雨涵萱妍彤诗嘉']
const DOT_NAMES: readonly [string, Sex][] = [
  ['阿卜杜拉·买买提', 'M'],
  ['艾力·艾买提', 'M'],
  ['买买提明·依明', 'M'],
  ['努尔兰·哈力克', 'M'],
  ['古丽娜尔·吐尔逊', 'F'],
  ['迪丽娜扎·阿不都热依木', 'F'],
  ['热依汗·木合塔尔', 'F'],
  ['阿依古丽·努尔买买提', 'F'],
]
/** Latin names as they stand in a passport: given name, then SURNAME; with the issuing country. */
const LATIN_NAMES: readonly [string, Sex, string][] = [
  ['John SMITH', 'M', 'USA'],
  ['Maria GARCIA', 'F', 'ESP'],
  ['Kenji TANAKA', 'M', 'JPN'],
  ['Anna MULLER', 'F', 'DEU'],
  ['Pierre DUBOIS', 'M', 'FRA'],
  ['Olga IVANOVA', 'F', 'RUS'],
  ['David KIM', 'M', 'KOR'],
  ['Emma WILSON', 'F', 'GBR'],
]
/** ISO 3166 numeric codes used in the new foreigner card (digits 4–6). */
const NUMERIC_COUNTRY: Record<string, string> = {
  USA: '840',
  ESP: '724',
  JPN: '392',
  DEU: '276',
  FRA: '250',
  RUS: '643',
  KOR: '410',
  GBR: '826',
}
/** Real county-level codes: 北京朝阳/海淀/东城, 上海徐汇/浦东, 深圳福田/南山, 广州天河, 杭州西湖, 成都武侯, 武汉武昌, 西安雁塔, 乌鲁木齐天山. */
const REGIONS = [
  '110105',
  '110108',
  '110101',
  '310104',
  '310115',
  '440304',
  '440305',
  '440106',
  '330106',
  '510107',
  '420106',
  '610113',
  '650102',
  '130102',
  '370102',
]

export interface Person {
  name: string
  sex: Sex
  birthDate: string
  idDocument: IdDocument
}

function birthDate(rand: Random, sessionYear: number): string {
  const year = sessionYear - intBetween(rand, 19, 52)
  const month = intBetween(rand, 1, 12)
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(intBetween(rand, 1, days)).padStart(2, '0')}`
}

/** A sequence code (3 digits) whose last digit has the parity GB 11643 gives the sex: odd = male. */
function sequenceFor(rand: Random, sex: Sex): string {
  const head = intBetween(rand, 0, 99)
  const last = 2 * intBetween(rand, 0, 4) + (sex === 'M' ? 1 : 0)
  return `${String(head).padStart(2, '0')}${last}`
}

function hanName(rand: Random, sex: Sex): string {
  const surname = rand() < 0.01 ? pickOne(rand, COMPOUND_SURNAMES) : pickOne(rand, SURNAMES)
  const pool = sex === 'M' ? MALE_GIVEN : FEMALE_GIVEN
  const given = rand() < 0.3 ? pickOne(rand, pool) : pickOne(rand, pool) + pickOne(rand, pool)
  return surname + given
}

const digits = (rand: Random, n: number) => Array.from({ length: n }, () => intBetween(rand, 0, 9)).join('')

/** Which document a Han-named person registered with. */
const HAN_DOCUMENTS: readonly (readonly [IdDocumentType, number])[] = [
  ['cn_resident_id', 900],
  ['cn_social_security_card', 15],
  ['hkmo_residence_permit', 15],
  ['tw_residence_permit', 10],
  ['hkmo_home_return_permit', 20],
  ['tw_mainland_travel_permit', 10],
  ['hk_identity_card', 8],
  ['mo_identity_card', 4],
]

/** Kinds of person a demo wants at least once, to show the desk's handling of each. */
export type PersonKind = 'han' | 'middleDot' | 'latinPassport' | 'foreignCard' | 'twResidencePermit'

/** One synthetic person, consistent in name, sex, birth date and document. */
export function makePerson(rand: Random, sessionYear: number): Person {
  const roll = rand()
  if (roll < 0.003) return makePersonOfKind(rand, sessionYear, 'latinPassport')
  if (roll < 0.006) return makePersonOfKind(rand, sessionYear, 'foreignCard')
  if (roll < 0.02) return makePersonOfKind(rand, sessionYear, 'middleDot')
  return makePersonOfKind(rand, sessionYear, 'han')
}

/** One synthetic person of the given kind. */
export function makePersonOfKind(rand: Random, sessionYear: number, kind: PersonKind): Person {
  const born = birthDate(rand, sessionYear)
  if (kind === 'latinPassport' || kind === 'foreignCard') {
    const [name, sex, country] = pickOne(rand, LATIN_NAMES)
    if (kind === 'latinPassport') {
      return {
        name,
        sex,
        birthDate: born,
        idDocument: { type: 'passport', number: `${country.slice(0, 1)}${digits(rand, 8)}`, issuingCountry: country },
      }
    }
    const number = makeResidentId(`911${NUMERIC_COUNTRY[country]}`, born, sequenceFor(rand, sex))
    return { name, sex, birthDate: born, idDocument: { type: 'foreign_permanent_residence_id', number } }
  }
  if (kind === 'middleDot') {
    const [name, sex] = pickOne(rand, DOT_NAMES)
    const number = makeResidentId(rand() < 0.7 ? '650102' : '650104', born, sequenceFor(rand, sex))
    return { name, sex, birthDate: born, idDocument: { type: 'cn_resident_id', number } }
  }
  const sex: Sex = rand() < 0.55 ? 'M' : 'F'
  const name = hanName(rand, sex)
  const type = kind === 'twResidencePermit' ? 'tw_residence_permit' : pickWeighted(rand, HAN_DOCUMENTS)
  return { name, sex, birthDate: born, idDocument: { type, number: documentNumber(rand, type, born, sex) } }
}

function documentNumber(rand: Random, type: IdDocumentType, born: string, sex: Sex): string {
  switch (type) {
    case 'cn_resident_id':
    case 'cn_social_security_card':
      return makeResidentId(pickOne(rand, REGIONS), born, sequenceFor(rand, sex))
    case 'hkmo_residence_permit':
      return makeResidentId(rand() < 0.7 ? '810000' : '820000', born, sequenceFor(rand, sex))
    case 'tw_residence_permit':
      return makeResidentId('830000', born, sequenceFor(rand, sex))
    case 'hkmo_home_return_permit':
      return `${rand() < 0.7 ? 'H' : 'M'}${digits(rand, 8)}${rand() < 0.5 ? digits(rand, 2) : ''}`
    case 'tw_mainland_travel_permit':
      return digits(rand, 8)
    case 'hk_identity_card': {
      const head = `${pickOne(rand, [...'ACDEGKPRVYZ'])}${digits(rand, 6)}`
      return head + hkIdCheckChar(head)
    }
    case 'mo_identity_card':
      return `${pickOne(rand, ['1', '5', '7'])}${digits(rand, 7)}`
    default:
      throw new Error(`no generator for ${type}`)
  }
}
