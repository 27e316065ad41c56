// Timestamps: the W3C "collect a WebVTT timestamp" algorithm and the writers' spellings.
#include <vttkit/timestamp.hpp>

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

timestamp_parse collect_timestamp(std::string_view s) noexcept {
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
  if (ms < 0) ms = 0;
  const auto total_seconds = ms / 1000;
  const auto hours = total_seconds / 3600;
  char buf[32];
  char* end = buf + sizeof buf;
  char* p = end;
  auto put2 = [&p](millis v) {
    *--p = static_cast<char>('0' + v % 10);
    *--p = static_cast<char>('0' + v / 10 % 10);
  };
  const auto frac = ms % 1000;
  *--p = static_cast<char>('0' + frac % 10);
  *--p = static_cast<char>('0' + frac / 10 % 10);
  *--p = static_cast<char>('0' + frac / 100);
  *--p = style == timestamp_style::srt ? ',' : '.';
  put2(total_seconds % 60);
  *--p = ':';
  put2(total_seconds / 60 % 60);
  *--p = ':';
  auto h = hours;
  int digits = 0;
  do {
    *--p = static_cast<char>('0' + h % 10);
    h /= 10;
    ++digits;
  } while (h > 0);
  if (digits < 2) *--p = '0';
  out.append(p, static_cast<std::size_t>(end - p));
}

std::string format_timestamp(millis ms, timestamp_style style) {
  std::string out;
  append_timestamp(out, ms, style);
  return out;
}

}  // namespace vttkit
