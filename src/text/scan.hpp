// The byte scan kernels of the hot path: 16 bytes a step with SSE2 (every x86-64), each with a
// scalar twin of the same signature that tests/test_text.cpp checks it against.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vttkit::detail {

// ---------------------------------------------------------------------------------------------
// First of a few bytes
// ---------------------------------------------------------------------------------------------

/// The first byte in [p, end) that is one of `Cs`, or `end`: one byte at a time.
template <char... Cs>
const char* find_any_scalar(const char* p, const char* end) noexcept {
  while (p < end && ((*p != Cs) && ...)) ++p;
  return p;
}

/// `find_any_scalar`, 16 bytes a step: one compare per byte value and a mask.
template <char... Cs>
const char* find_any(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_setzero_si128();
    ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Cs)))), ...);
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) return p + __builtin_ctz(mask);
  }
#endif
  return find_any_scalar<Cs...>(p, end);
}

// ---------------------------------------------------------------------------------------------
// Cue text: the bytes the tokenizer's data state does not copy as they are
// ---------------------------------------------------------------------------------------------

/// The first '<', '&' or NUL in [p, end), or `end`: one byte at a time.
inline const char* find_cue_special_scalar(const char* p, const char* end) noexcept {
  return find_any_scalar<'<', '&', '\0'>(p, end);
}

/// The first '<', '&' or NUL in [p, end), or `end`. Cue text is mostly long plain runs: 16 bytes
/// a step with SSE2 (a short tail as one more step that overlaps the bytes already seen), else
/// eight bytes a step in a 64-bit word.
inline const char* find_cue_special(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), nul = _mm_setzero_si128();
  auto specials = [&](const char* at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
                                     _mm_cmpeq_epi8(v, nul));
    return static_cast<unsigned>(_mm_movemask_epi8(hit));
  };
  if (end - p >= 16) {
    for (; end - p >= 16; p += 16)
      if (const auto mask = specials(p)) return p + __builtin_ctz(mask);
    if (p == end) return end;
    const char* last = end - 16;
    const auto mask = specials(last) & ~((1u << (p - last)) - 1);
    return mask ? last + __builtin_ctz(mask) : end;
  }
#endif
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  while (end - p >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if (has_zero_byte(v) | has_zero_byte(v ^ (ones * '<')) | has_zero_byte(v ^ (ones * '&'))) break;
    p += 8;
  }
  return find_cue_special_scalar(p, end);
}

/// The first '&', '<' or '>' (the bytes cue text escapes) in [p, end), or `end`.
inline const char* find_escaped(const char* p, const char* end) noexcept { return find_any<'&', '<', '>'>(p, end); }
inline const char* find_escaped_scalar(const char* p, const char* end) noexcept {
  return find_any_scalar<'&', '<', '>'>(p, end);
}

/// The first byte that may start a sentence-ending mark ('.', '?', '!', or any byte of 0x80 or
/// more: the lead bytes of '…' and of the marks of other scripts) in [p, end), or `end`. The
/// high bit costs no compare: the mask takes it from the bytes themselves.
inline const char* find_mark_start_scalar(const char* p, const char* end) noexcept {
  while (p < end && *p != '.' && *p != '?' && *p != '!' && static_cast<unsigned char>(*p) < 0x80) ++p;
  return p;
}
inline const char* find_mark_start(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i marks = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), v));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(marks))) return p + __builtin_ctz(mask);
  }
#endif
  return find_mark_start_scalar(p, end);
}

/// The first byte a JSON string cannot copy without a look in [p, end), or `end`: a control
/// byte (up to 0x1F, or 0x7F), '"', '\\', or a byte of 0x80 or more (UTF-8 to check). One byte
/// at a time.
inline const char* find_json_special_scalar(const char* p, const char* end) noexcept {
  while (p < end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
    ++p;
  }
  return p;
}

/// `find_json_special_scalar`, 16 bytes a step with SSE2, else eight in a 64-bit word.
inline const char* find_json_special(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i one = _mm_set1_epi8(1), below = _mm_set1_epi8(0x21);
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // v + 1 as a signed byte is below 0x21 exactly for 0x00-0x1F, 0x7F and 0x80-0xFF.
    const __m128i outside = _mm_cmplt_epi8(_mm_add_epi8(v, one), below);
    const __m128i hit = _mm_or_si128(outside, _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) return p + __builtin_ctz(mask);
  }
#endif
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  for (; end - p >= 8; p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    // (w - 0x20 per byte) | w has the high bit of a byte below 0x20 or of a byte with it set.
    if ((((w - ones * 0x20) | w) & highs) | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) |
        has_zero(w ^ (ones * 0x7F)))
      break;
  }
  return find_json_special_scalar(p, end);
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// Whether text[i..] has no control byte, no byte >= 0x80 and no two spaces in a row, for a
/// `text` that does not end with a space.
inline bool plain_single_spaced_from(std::string_view text, std::size_t i) noexcept {
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x1F || c >= 0x80 || (c == ' ' && text[i + 1] == ' ')) return false;  // the last byte is not a space
  }
  return true;
}

/// Whether `text` is printable ASCII with single spaces between words and none at either end
/// (then its words joined by single spaces are the text itself): one byte at a time.
inline bool is_single_spaced_ascii_scalar(std::string_view text) noexcept {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  return plain_single_spaced_from(text, 0);
}

/// `is_single_spaced_ascii_scalar`, 16 bytes a step.
inline bool is_single_spaced_ascii(std::string_view text) noexcept {
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Controls (<= 0x1F) and bytes >= 0x80 (possible Unicode spaces) fail, as do two spaces in a row.
  const __m128i low = _mm_set1_epi8(0x1F), space = _mm_set1_epi8(' ');
  for (; i + 17 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 1));
    const __m128i bad = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, low), low), _mm_cmplt_epi8(v, _mm_setzero_si128())),
        _mm_and_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(next, space)));
    if (_mm_movemask_epi8(bad)) return false;
  }
#endif
  return plain_single_spaced_from(text, i);
}

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

/// Bit masks of one 64-byte block (bit i: byte i) for the line reader.
struct line_masks {
  std::uint64_t eol = 0;   ///< LF or CR
  std::uint64_t dash = 0;  ///< '-'
  std::uint64_t odd = 0;   ///< NUL or a byte >= 0x80: the line may need the UTF-8 repair
};

/// The masks of the 64 bytes at `p`: one byte at a time.
inline line_masks classify_line_block_scalar(const char* p) noexcept {
  line_masks m;
  for (unsigned i = 0; i < 64; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (c == '\n' || c == '\r') m.eol |= bit;
    if (c == '-') m.dash |= bit;
    if (c == 0 || c >= 0x80) m.odd |= bit;
  }
  return m;
}

/// The masks of the 64 bytes at `p`, 16 bytes a step.
inline line_masks classify_line_block(const char* p) noexcept {
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), dash = _mm_set1_epi8('-');
  const __m128i zero = _mm_setzero_si128();
  line_masks m;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto bits = [k](__m128i x) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(x))) << (16 * k);
    };
    m.eol |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    m.dash |= bits(_mm_cmpeq_epi8(v, dash));
    m.odd |= bits(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero)));  // the sign bit: a byte >= 0x80
  }
  return m;
#else
  return classify_line_block_scalar(p);
#endif
}

}  // namespace vttkit::detail
