// Timestamps: the W3C "collect a WebVTT timestamp" algorithm and the writers' spellings.
#include <vttkit/timestamp.hpp>

#include <cstdint>
#include <initializer_list>
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
  auto d = [&s](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
  auto digits = [&](std::initializer_list<std::size_t> at) {
    for (auto i : at)
      if (i >= s.size() || !is_digit(s[i])) return false;
    return true;
  };
  auto ends_at = [&](std::size_t n) { return n == s.size() || !is_digit(s[n]); };
  std::size_t h_digits = 0;
  if (s.size() >= 11 && s[1] == ':' && s[4] == ':' && s[7] == '.') h_digits = 1;
  else if (s.size() >= 12 && s[2] == ':' && s[5] == ':' && s[8] == '.') h_digits = 2;
  if (h_digits) {
    const std::size_t o = h_digits;
    if (!digits({0, o - 1, o + 1, o + 2, o + 4, o + 5, o + 7, o + 8, o + 9}) || !ends_at(o + 10)) return false;
    const unsigned h = h_digits == 1 ? d(0) : d(0) * 10 + d(1);
    const unsigned m = d(o + 1) * 10 + d(o + 2), sec = d(o + 4) * 10 + d(o + 5);
    if (m > 59 || sec > 59) return false;
    out = {true, static_cast<millis>(((h * 60 + m) * 60 + sec) * 1000ULL + d(o + 7) * 100 + d(o + 8) * 10 + d(o + 9)),
           o + 10, h_digits};
    return true;
  }
  if (s.size() >= 9 && s[2] == ':' && s[5] == '.' && digits({0, 1, 3, 4, 6, 7, 8}) && ends_at(9) &&
      (s.size() == 9 || s[9] != ':')) {
    const unsigned m = d(0) * 10 + d(1), sec = d(3) * 10 + d(4);
    if (m > 59 || sec > 59) return false;
    out = {true, static_cast<millis>((m * 60 + sec) * 1000ULL + d(6) * 100 + d(7) * 10 + d(8)), 9, 0};
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

void append_timestamp(std::string& out, millis ms, timestamp_style style) {
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  if (ms < 0) ms = 0;
  auto total_seconds = static_cast<std::uint64_t>(ms) / 1000;
  const auto frac = static_cast<unsigned>(static_cast<std::uint64_t>(ms) % 1000);
  const auto hours = total_seconds / 3600;
  const auto minutes = static_cast<unsigned>(total_seconds / 60 % 60);
  const auto seconds = static_cast<unsigned>(total_seconds % 60);
  char buf[40];
  char* end = buf + sizeof buf;
  char* p = end;
  *--p = static_cast<char>('0' + frac % 10);
  *--p = pairs[frac / 10 * 2 + 1];
  *--p = pairs[frac / 10 * 2];
  *--p = style == timestamp_style::srt ? ',' : '.';
  *--p = pairs[seconds * 2 + 1];
  *--p = pairs[seconds * 2];
  *--p = ':';
  *--p = pairs[minutes * 2 + 1];
  *--p = pairs[minutes * 2];
  *--p = ':';
  if (hours < 100) {
    *--p = pairs[hours * 2 + 1];
    *--p = pairs[hours * 2];
  } else {
    for (auto h = hours; h > 0; h /= 10) *--p = static_cast<char>('0' + h % 10);
  }
  out.append(p, static_cast<std::size_t>(end - p));
}

std::string format_timestamp(millis ms, timestamp_style style) {
  std::string out;
  append_timestamp(out, ms, style);
  return out;
}

}  // namespace vttkit
