/**
 * Is a word a well-formed Vietnamese syllable? Used to tell the right decoding of a legacy file from
 * mojibake: "Làng" is a syllable, "Lµng" (TCVN3 read as Windows-1258) and "LÃ ng" are not. The rule
 * is the syllable's shape — onset consonant, vowel cluster, final consonant, at most one tone mark —
 * not a dictionary, so place names and minority-language names written in Vietnamese letters pass.
 */

/** Tone marks (after NFD): sắc, huyền, hỏi, ngã, nặng. */
const TONE = /[\u0301\u0300\u0309\u0303\u0323]/g;

/** A tone mark right after a vowel or after a vowel's circumflex, breve or horn. */
const TONE_ON_VOWEL = /[aeiouy\u0302\u0306\u031b][\u0301\u0300\u0309\u0303\u0323]/;

/**
 * Vietnamese onsets, then clusters of up to three consonants: names of the Central Highlands'
 * peoples are written in Vietnamese letters with onsets such as Kr, Dr, Bh, Kl ("Krông", "Đrắk").
 */
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', '[bcdđfghjklmnprstvwxyz]{1,3}'];

/** Vowel clusters (without tone), longest first so the pattern tries them first. */
const VOWELS = [
  'iêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
  'ai', 'ao', 'au', 'âu', 'ay', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'ya', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
];

/** Vietnamese codas, and k, h, l, r, s of the same minority-language names ("Đắk", "Tíh", "Păl"). */
const CODAS = ['ng', 'nh', 'ch', '[cmnptkhlrs]'];

const SYLLABLE = new RegExp(`^(?:${ONSETS.join('|')})?(?:${VOWELS.join('|')})(?:${CODAS.join('|')})?$`);

/** Letters of the Vietnamese alphabet (lower case, no tone) beyond ASCII. */
const VIETNAMESE_EXTRA = /^[a-zăâêôơưđ]+$/;

/**
 * True when `word` (one run of letters, any case) is a Vietnamese syllable: letters of the
 * Vietnamese alphabet only, at most one tone mark, on a vowel, in the shape onset + vowels + coda.
 */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE);
  if (tones !== null && tones.length > 1) return false;
  if (tones !== null && !TONE_ON_VOWEL.test(nfd)) return false;
  const bare = nfd.replace(TONE, '').normalize('NFC');
  if (!VIETNAMESE_EXTRA.test(bare)) return false;
  return SYLLABLE.test(bare);
}

/** Runs of letters (with their combining marks) in `text`. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{M}]+/gu) ?? [];
}
