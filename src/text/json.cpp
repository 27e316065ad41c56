// JSON strings (text/json.hpp): a fast skip over plain ASCII, escapes and UTF-8 checks for
// the rest.
#include "text/json.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <utf8.h>

namespace vttkit::detail {
namespace {

/// Offset of the first byte of the 16 at `p` that is not plain (below 0x20, '"', '\\', 0x7F
/// or with the high bit set), or 16 when all are plain.
#if defined(__SSE2__)
unsigned first_special_16(const char* p) noexcept {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // v + 1 as signed bytes is below 0x21 exactly for 0x00-0x1F, 0x7F and 0x80-0xFF.
  const __m128i outside = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x21));
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(outside, _mm_or_si128(quote, backslash))));
  return mask == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(mask));
}
#endif

/// True when one of the 8 bytes of `w` is not plain (as first_special_16).
bool any_special_8(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  // (w - 0x20 per byte) | w has the high bit of a byte below 0x20 or of a byte with it set.
  return (((w - ones * 0x20) | w) & highs) | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) |
         has_zero(w ^ (ones * 0x7F));
}

bool plain(unsigned char c) noexcept { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

/// Length of the valid UTF-8 sequence at `s[i]` (a byte of 0x80 or more), 0 when there is none.
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) return 0;
  const char* first = s.data() + i;
  return utf8::find_invalid(first, first + n) == first + n ? n : 0;
}

/// Appends the escape of the ASCII byte `c` (not plain).
void append_escape(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default: {
      const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      out.append(u, sizeof u);
    }
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // start of the plain bytes not yet appended
  std::size_t i = 0;
  while (i < s.size()) {
#if defined(__SSE2__)
    if (i + 16 <= s.size()) {
      const auto k = first_special_16(s.data() + i);
      i += k;
      if (k == 16) continue;
    } else
#endif
    if (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!any_special_8(w)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (plain(c)) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const auto n = utf8_length(s, i);
      if (n != 0) {
        i += n;  // valid UTF-8 stays in the run
        continue;
      }
    }
    out.append(s.substr(run, i - run));
    if (c >= 0x80) out += "\\ufffd";
    else append_escape(out, c);
    run = ++i;
  }
  out.append(s.substr(run));
  out += '"';
}

}  // namespace vttkit::detail
