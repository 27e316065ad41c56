// Timestamps: the W3C "collect a WebVTT timestamp" algorithm and the writers' spellings.
#include <vttkit/timestamp.hpp>

#include "timestamp_format.hpp"

#include <cstdint>
#include <limits>

namespace vttkit {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Collects ASCII digits at `pos`; returns false when the value does not fit in `max`.
bool collect_digits(std::string_view s, std::size_t& pos, std::uint64_t& value, std::size_t& count,
                    std::uint64_t max) noexcept {
  value = 0;
  count = 0;
  bool fits = true;
  while (pos < s.size() && is_digit(s[pos])) {
    const auto digit = static_cast<std::uint64_t>(s[pos] - '0');
    if (value > (max - digit) / 10) fits = false;
    else value = value * 10 + digit;
    ++pos;
    ++count;
  }
  return fits;
}

}  // namespace

timestamp_parse collect_timestamp_general(std::string_view s) noexcept;

namespace {

/// The common spellings `[H]H:MM:SS.mmm` and `MM:SS.mmm` (followed by a non-digit or the
/// end) read straight off their fixed positions. Anything else takes the general path.
bool collect_common(std::string_view s, timestamp_parse& out) noexcept {
  // Each digit position is checked by the unsigned subtraction: a non-digit gives a value > 9.
  unsigned bad = 0;
  auto d = [&](std::size_t i) {
    const auto v = static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
    bad |= v > 9;
    return v;
  };
  auto ends_at = [&](std::size_t n) { return n == s.size() || !is_digit(s[n]); };
  std::size_t o = 0;  // digits in the hours field
  if (s.size() >= 11 && s[1] == ':' && s[4] == ':' && s[7] == '.') o = 1;
  else if (s.size() >= 12 && s[2] == ':' && s[5] == ':' && s[8] == '.') o = 2;
  if (o) {
    const unsigned h = o == 1 ? d(0) : d(0) * 10 + d(1);
    const unsigned m = d(o + 1) * 10 + d(o + 2), sec = d(o + 4) * 10 + d(o + 5);
    const unsigned frac = d(o + 7) * 100 + d(o + 8) * 10 + d(o + 9);
    if (bad || !ends_at(o + 10) || m > 59 || sec > 59) return false;
    out = {true, static_cast<millis>(((h * 60ULL + m) * 60 + sec) * 1000 + frac), o + 10, o};
    return true;
  }
  if (s.size() >= 9 && s[2] == ':' && s[5] == '.') {
    const unsigned m = d(0) * 10 + d(1), sec = d(3) * 10 + d(4);
    const unsigned frac = d(6) * 100 + d(7) * 10 + d(8);
    if (bad || !ends_at(9) || m > 59 || sec > 59) return false;
    out = {true, static_cast<millis>((m * 60ULL + sec) * 1000 + frac), 9, 0};
    return true;
  }
  return false;
}

}  // namespace

timestamp_parse collect_timestamp(std::string_view s) noexcept {
  timestamp_parse result;
  if (collect_common(s, result)) return result;
  return collect_timestamp_general(s);
}

timestamp_parse collect_timestamp_general(std::string_view s) noexcept {
  constexpr auto max_ms = static_cast<std::uint64_t>(std::numeric_limits<millis>::max());
  constexpr std::uint64_t max_hours = max_ms / 3'600'000 - 1;
  timestamp_parse result;
  std::size_t pos = 0;
  if (pos >= s.size() || !is_digit(s[pos])) return result;
  std::uint64_t v1 = 0, v2 = 0, v3 = 0, v4 = 0;
  std::size_t n = 0;
  bool fits = collect_digits(s, pos, v1, n, std::numeric_limits<std::uint64_t>::max());
  const std::size_t first_digits = n;
  bool hours = n != 2 || v1 > 59 || !fits;
  if (pos >= s.size() || s[pos] != ':') return result;
  ++pos;
  if (!collect_digits(s, pos, v2, n, 99) || n != 2) return result;
  std::size_t hour_digits = 0;
  if (hours || (pos < s.size() && s[pos] == ':')) {
    if (pos >= s.size() || s[pos] != ':') return result;
    ++pos;
    if (!collect_digits(s, pos, v3, n, 99) || n != 2) return result;
    hour_digits = first_digits;
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (pos >= s.size() || s[pos] != '.') return result;
  ++pos;
  if (!collect_digits(s, pos, v4, n, 999) || n != 3) return result;
  if (v2 > 59 || v3 > 59) return result;
  if (!fits || v1 > max_hours) return result;  // too large for 64-bit milliseconds
  result.ok = true;
  result.value = static_cast<millis>(v1 * 3'600'000 + v2 * 60'000 + v3 * 1000 + v4);
  result.length = pos;
  result.hour_digits = hour_digits;
  return result;
}

std::size_t detail::write_timestamp(char* out, millis ms, timestamp_style style) noexcept {
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  if (ms < 0) ms = 0;
  const auto total_seconds = static_cast<std::uint64_t>(ms) / 1000;
  const auto frac = static_cast<unsigned>(static_cast<std::uint64_t>(ms) % 1000);
  const auto hours = total_seconds / 3600;
  const auto minutes = static_cast<unsigned>(total_seconds / 60 % 60);
  const auto seconds = static_cast<unsigned>(total_seconds % 60);
  // Hours first: two digits, or as many as the value needs.
  std::size_t n = 0;
  if (hours < 100) {
    out[n++] = pairs[hours * 2];
    out[n++] = pairs[hours * 2 + 1];
  } else {
    char digits[24];
    std::size_t k = 0;
    for (auto h = hours; h > 0; h /= 10) digits[k++] = static_cast<char>('0' + h % 10);
    while (k > 0) out[n++] = digits[--k];
  }
  out[n++] = ':';
  out[n++] = pairs[minutes * 2];
  out[n++] = pairs[minutes * 2 + 1];
  out[n++] = ':';
  out[n++] = pairs[seconds * 2];
  out[n++] = pairs[seconds * 2 + 1];
  out[n++] = style == timestamp_style::srt ? ',' : '.';
  out[n++] = pairs[frac / 10 * 2];
  out[n++] = pairs[frac / 10 * 2 + 1];
  out[n++] = static_cast<char>('0' + frac % 10);
  return n;
}

void append_timestamp(std::string& out, millis ms, timestamp_style style) {
  char buf[detail::max_timestamp_length];
  out.append(buf, detail::write_timestamp(buf, ms, style));
}

std::string format_timestamp(millis ms, timestamp_style style) {
  std::string out;
  append_timestamp(out, ms, style);
  return out;
}

}  // namespace vttkit
