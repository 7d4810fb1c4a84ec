/** How a name in a BAOCAO.* formula finds what it names (shared/src/values/name-match.ts). */
import { foldName, matchName, normalizeName, type NameCandidate } from '../../shared/src';

const candidates: NameCandidate<string>[] = [
  { key: 'ca', names: ['Cá'], value: 'fish' },
  { key: 'ca_2', names: ['Cà'], value: 'aubergine' },
  { key: 'participants', names: ['Số lượt cán bộ, chiến sĩ tham gia', 'Officer attendances'], value: 'p' },
  { key: 'PC06', names: ['Phòng Cảnh sát quản lý hành chính về trật tự xã hội'], value: 'unit' },
];

test('NFC, spaces and case do not matter; diacritics are kept by the first step', () => {
  const decomposed = 'Số lượt cán bộ, chiến sĩ tham gia'.normalize('NFD');
  expect(matchName(`  ${decomposed.toUpperCase()}  `, candidates)).toMatchObject({
    kind: 'found',
    key: 'participants',
  });
  expect(matchName('officer   attendances', candidates)).toMatchObject({
    kind: 'found',
    key: 'participants',
  });
  expect(matchName('pc06', candidates)).toMatchObject({ kind: 'found', key: 'PC06' });
  expect(matchName('Cá', candidates)).toMatchObject({ kind: 'found', value: 'fish' });
  expect(normalizeName(' ĐỘI  Một ')).toBe('đội một');
  expect(foldName('Đội Một')).toBe('doi mot');
});

test('without diacritics: found when one candidate matches, ambiguous when several do', () => {
  expect(matchName('so luot can bo, chien si tham gia', candidates)).toMatchObject({
    kind: 'found',
    key: 'participants',
  });
  expect(matchName('phong canh sat quan ly hanh chinh ve trat tu xa hoi', candidates)).toMatchObject({
    kind: 'found',
    key: 'PC06',
  });
  // "ca" is the key of one candidate: an exact match wins before folding.
  expect(matchName('ca', candidates)).toMatchObject({ kind: 'found', key: 'ca' });
  expect(
    matchName('CA 2', [
      ...candidates,
      { key: 'x', names: ['Cả 2'], value: 'x' },
      { key: 'y', names: ['Cá 2'], value: 'y' },
    ]),
  ).toEqual({
    kind: 'ambiguous',
    keys: ['x', 'y'],
  });
  expect(matchName('cán bộ', candidates)).toEqual({ kind: 'unknown' });
});
