// Timestamps: the W3C "collect a WebVTT timestamp" algorithm and the writers' spellings.
#include <vttkit/timestamp.hpp>

#include "model/timestamp_format.hpp"
#include "text/ascii.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>

namespace vttkit {
namespace {

using detail::is_digit;

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

/// Eight bytes at `p` as a little-endian number.
std::uint64_t load8(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

/// Whether every byte of `w` selected by `mask` (0xFF per byte) is an ASCII digit: the high
/// nibble is 3 and adding 6 keeps it 3 (a carry out of a non-digit byte fails that byte anyway).
bool digits_at(std::uint64_t w, std::uint64_t mask) noexcept {
  constexpr std::uint64_t high = 0xF0F0F0F0F0F0F0F0ULL, threes = 0x3030303030303030ULL;
  constexpr std::uint64_t sixes = 0x0606060606060606ULL;
  return (((w & high) ^ threes) & mask) == 0 && ((((w + sixes) & high) ^ threes) & mask) == 0;
}

/// The common spellings `[H]H:MM:SS.mmm` and `MM:SS.mmm` (followed by a non-digit or the
/// end) read straight off their fixed positions, eight bytes at a time. Anything else takes
/// the general path.
bool collect_common(std::string_view s, timestamp_parse& out) noexcept {
  auto ends_at = [&](std::size_t n) { return n == s.size() || !is_digit(s[n]); };
  std::size_t o = 0;  // digits in the hours field
  if (s.size() >= 11 && s[1] == ':') o = 1;
  else if (s.size() >= 12 && s[2] == ':' && s[5] == ':') o = 2;
  if (o) {
    // "MM:SS.mm" after the hours and their colon, then the last digit of the fraction.
    const std::uint64_t w = load8(s.data() + o + 1);
    constexpr std::uint64_t digit_bytes = 0xFFFF00FFFF00FFFFULL;  // bytes 0 1 3 4 6 7
    constexpr std::uint64_t separators = 0x0000FF0000FF0000ULL;   // bytes 2 and 5
    constexpr std::uint64_t expected = (std::uint64_t{':'} << 16) | (std::uint64_t{'.'} << 40);
    const auto h0 = static_cast<unsigned>(static_cast<unsigned char>(s[0])) - '0';
    const auto h1 = static_cast<unsigned>(static_cast<unsigned char>(s[1])) - '0';
    const auto last = static_cast<unsigned>(static_cast<unsigned char>(s[o + 9])) - '0';
    if (!digits_at(w, digit_bytes) || (w & separators) != expected || h0 > 9 || (o == 2 && h1 > 9) || last > 9 ||
        !ends_at(o + 10))
      return false;
    const std::uint64_t d = (w & digit_bytes) - (0x3030303030303030ULL & digit_bytes);  // digit values, no borrow
    auto at = [d](unsigned byte) { return static_cast<unsigned>((d >> (8 * byte)) & 0xFF); };
    const unsigned h = o == 1 ? h0 : h0 * 10 + h1;
    const unsigned m = at(0) * 10 + at(1), sec = at(3) * 10 + at(4);
    const unsigned frac = at(6) * 100 + at(7) * 10 + last;
    if (m > 59 || sec > 59) return false;
    out = {true, static_cast<millis>(((h * 60ULL + m) * 60 + sec) * 1000 + frac), o + 10, o};
    return true;
  }
  if (s.size() >= 9 && s[2] == ':' && s[5] == '.') {
    unsigned bad = 0;
    auto d = [&](std::size_t i) {
      const auto v = static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
      bad |= v > 9;
      return v;
    };
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
  constexpr auto max_hours = static_cast<std::uint64_t>(max_timestamp / 3'600'000);
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
  const auto frac = static_cast<unsigned>(static_cast<std::uint64_t>(ms) - total_seconds * 1000);
  const auto total_minutes = total_seconds / 60;
  const auto seconds = static_cast<unsigned>(total_seconds - total_minutes * 60);
  const auto hours = total_minutes / 60;
  const auto minutes = static_cast<unsigned>(total_minutes - hours * 60);
  // Hours first: two digits, or as many as the value needs.
  std::size_t n = 2;
  if (hours < 100) {
    std::memcpy(out, pairs + hours * 2, 2);
  } else {
    char digits[24];
    std::size_t k = 0;
    for (auto h = hours; h > 0; h /= 10) digits[k++] = static_cast<char>('0' + h % 10);
    n = 0;
    while (k > 0) out[n++] = digits[--k];
  }
  // Then ":MM:SS.mmm" at fixed offsets.
  char* p = out + n;
  p[0] = ':';
  std::memcpy(p + 1, pairs + minutes * 2, 2);
  p[3] = ':';
  std::memcpy(p + 4, pairs + seconds * 2, 2);
  p[6] = style == timestamp_style::srt ? ',' : '.';
  std::memcpy(p + 7, pairs + frac / 10 * 2, 2);
  p[9] = static_cast<char>('0' + frac % 10);
  return n + 10;
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

std::optional<millis> parse_duration(std::string_view text) noexcept {
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  if (text.find(':') != std::string_view::npos) {
    // A timestamp as a person writes one: the milliseconds may be left out or shortened
    // (00:00:05, 00:05.5), so they are filled to the three digits WebVTT reads.
    char full[40];
    const auto dot = text.find('.');
    const std::size_t digits_after = dot == std::string_view::npos ? 0 : text.size() - dot - 1;
    if (text.size() + 5 > sizeof full || digits_after > 3) return std::nullopt;
    // Minutes of one digit, as ffmpeg and people write them (5:00): WebVTT wants two.
    const bool one_digit_minutes = text.find(':') == 1 && text.find(':', 2) == std::string_view::npos;
    std::size_t n = 0;
    if (one_digit_minutes) full[n++] = '0';
    n += text.copy(full + n, text.size());
    if (dot == std::string_view::npos) full[n++] = '.';
    for (std::size_t d = digits_after; d < 3; ++d) full[n++] = '0';
    const std::string_view filled{full, n};
    const auto t = collect_timestamp(filled);
    if (!t.ok || t.length != filled.size()) return std::nullopt;
    return negative ? -t.value : t.value;
  }
  millis scale = 1000;  // seconds, unless "ms"
  if (text.ends_with("ms")) {
    scale = 1;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    text.remove_suffix(1);
  }
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view d) { return d.find_first_not_of("0123456789") == std::string_view::npos; };
  if (whole.size() + fraction.size() == 0 || !digits(whole) || !digits(fraction) || whole.size() > 12)
    return std::nullopt;
  millis value = 0;
  for (const char c : whole) value = value * 10 + (c - '0');
  value *= scale;
  // The fraction in tenths of a millisecond, then rounded half up to whole milliseconds.
  millis tenths = 0, weight = scale * 10;
  for (const char c : fraction) {
    if ((weight /= 10) == 0) break;
    tenths += (c - '0') * weight;
  }
  value += (tenths + 5) / 10;
  return negative ? -value : value;
}

}  // namespace vttkit
