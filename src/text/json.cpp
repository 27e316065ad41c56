// JSON strings (see json.hpp).
#include "text/json.hpp"

#include <cstdint>
#include <cstring>

#include <utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vttkit::detail {
namespace {

/// True when one of the 8 bytes of `w` must be escaped in JSON: below 0x20, '"' or '\\'.
bool json_special(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  return ((w - ones * 0x20) & ~w & highs) | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\'));
}

/// Where the next byte to escape is, from `i`: plain text is skipped 16 or 8 bytes at a time.
std::size_t next_special(std::string_view s, std::size_t i) noexcept {
  while (i < s.size()) {
#if defined(__SSE2__)
    // 16 bytes at a time: none at or below 0x1F (unsigned), '"' or '\\'.
    if (i + 16 <= s.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i low = _mm_set1_epi8(0x1F);
      const __m128i hit = _mm_or_si128(
          _mm_cmpeq_epi8(_mm_max_epu8(v, low), low),
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
      const int mask = _mm_movemask_epi8(hit);
      if (mask == 0) {
        i += 16;
        continue;
      }
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    if (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!json_special(w)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
    ++i;
  }
  return i;
}

/// Appends valid UTF-8 `s` with the JSON escapes, without quotes.
void append_escaped(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t run = 0;
  for (std::size_t i = next_special(s, 0); i < s.size(); i = next_special(s, i)) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s.substr(run, i - run));
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    run = ++i;
  }
  out.append(s.substr(run));
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (;;) {
    // The valid UTF-8 up to the first byte that is not, then that byte as U+FFFD.
    const char* bad = utf8::find_invalid(s.data(), s.data() + s.size());
    const auto valid = static_cast<std::size_t>(bad - s.data());
    append_escaped(out, s.substr(0, valid));
    if (valid == s.size()) break;
    out += "\\ufffd";
    s.remove_prefix(valid + 1);
  }
  out += '"';
}

}  // namespace vttkit::detail
