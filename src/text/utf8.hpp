// UTF-8: decoding, encoding, counting, validity and the WHATWG repair of invalid input.
// Built on utfcpp (a private dependency: only utf8.cpp includes it) where it serves; the
// hot loops that measure faster written here are marked so in utf8.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vttkit::detail {

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Whether `c` is a UTF-8 continuation byte (10xxxxxx): not the start of a code point.
constexpr bool is_continuation_byte(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Number of code points in valid UTF-8 `s` (the bytes that are not continuation bytes).
/// 16 bytes a step with SSE2.
[[nodiscard]] std::size_t count_code_points(std::string_view s) noexcept;
/// `count_code_points` one byte at a time: the reference the SIMD version is tested against.
[[nodiscard]] std::size_t count_code_points_scalar(std::string_view s) noexcept;

/// Length (1-4) of the valid UTF-8 sequence at `s[i]`, or 0 with `invalid` set to the length of
/// the maximal invalid subpart there: the bytes that the WHATWG decoder replaces by one U+FFFD.
[[nodiscard]] std::size_t sequence_length(std::string_view s, std::size_t i, std::size_t& invalid) noexcept;

/// The code point at `s[i]`, U+FFFD when no valid sequence starts there.
[[nodiscard]] char32_t decode_at(std::string_view s, std::size_t i) noexcept;

/// `next_code_point` for a lead byte of 0x80 or more.
char32_t next_non_ascii_code_point(std::string_view s, std::size_t& i) noexcept;

/// The code point at `s[i]`, advancing `i` past it: U+FFFD for an invalid sequence, which
/// advances past its maximal invalid subpart (one U+FFFD each, as the WHATWG decoder reads it).
/// ASCII inline.
inline char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead >= 0x80) return next_non_ascii_code_point(s, i);
  ++i;
  return lead;
}

/// Writes the scalar value `cp` (not a surrogate, at most U+10FFFF) as UTF-8 to `out`, which has
/// room for 4 bytes; returns the number of bytes written.
std::size_t encode(char32_t cp, char* out) noexcept;

/// Appends the scalar value `cp` as UTF-8.
void append_code_point(std::string& out, char32_t cp);

/// Whether `s` is valid UTF-8 (no surrogates, no overlong forms, nothing past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view s) noexcept;

/// What the WHATWG repair replaced.
enum class repair_kind : std::uint8_t { nul, invalid_utf8 };

/// Whether `s` holds a NUL or invalid UTF-8: whether `append_repaired` would change it.
[[nodiscard]] bool needs_repair(std::string_view s) noexcept;

/// Appends `raw` to `out` as the WebVTT parser reads it (the WHATWG UTF-8 decoder, then NUL
/// replaced): each NUL and each maximal invalid subpart becomes one U+FFFD, and
/// `on_repair(repair_kind, column)` is called for each with its 1-based column in code points.
template <class OnRepair>
void append_repaired(std::string& out, std::string_view raw, OnRepair&& on_repair) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < raw.size(); ++column) {
    const auto b = static_cast<unsigned char>(raw[i]);
    if (b == 0) {
      out += replacement_character;
      on_repair(repair_kind::nul, column);
      ++i;
    } else if (b < 0x80) {
      out += raw[i];
      ++i;
    } else {
      std::size_t invalid = 0;
      const std::size_t len = sequence_length(raw, i, invalid);
      if (len > 0) {
        out.append(raw.substr(i, len));
        i += len;
      } else {
        out += replacement_character;
        on_repair(repair_kind::invalid_utf8, column);
        i += invalid;
      }
    }
  }
}

}  // namespace vttkit::detail
