// Lenient timing lines (see recover.hpp).
#include "parse/recover.hpp"

#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

struct lenient_time {
  bool ok = false;
  millis value = 0;
  std::size_t end = 0;  ///< offset after the time
};

/// Digits at `pos` (at most `max`): their value and count; count 0 when none or too many.
std::size_t read_digits(std::string_view s, std::size_t pos, std::size_t max, millis& value) noexcept {
  std::size_t n = 0;
  value = 0;
  while (pos + n < s.size() && is_digit(s[pos + n])) {
    if (++n > max) return 0;
    value = value * 10 + (s[pos + n - 1] - '0');
  }
  return n;
}

lenient_time read_time(std::string_view s, std::size_t pos) noexcept {
  millis fields[3] = {};
  std::size_t count = 0;
  for (;;) {
    const std::size_t n = read_digits(s, pos, count == 0 ? 9 : 2, fields[count]);
    if (n == 0) return {};
    pos += n;
    ++count;
    if (count == 3 || pos >= s.size() || s[pos] != ':') break;
    ++pos;
  }
  if (count < 2) return {};
  const millis hours = count == 3 ? fields[0] : 0;
  const millis minutes = fields[count - 2], seconds = fields[count - 1];
  if (minutes > 59 || seconds > 59) return {};
  millis fraction = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    const std::size_t n = read_digits(s, pos + 1, 3, fraction);
    if (n == 0) return {};
    for (std::size_t i = n; i < 3; ++i) fraction *= 10;
    pos += 1 + n;
  }
  return {true, ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction, pos};
}

std::size_t skip_blanks(std::string_view s, std::size_t pos) noexcept {
  while (pos < s.size() && is_ascii_whitespace(s[pos])) ++pos;
  return pos;
}

}  // namespace

recovered_timing recover_timing_line(std::string_view line) noexcept {
  const auto start = read_time(line, skip_blanks(line, 0));
  if (!start.ok) return {};
  auto pos = skip_blanks(line, start.end);
  if (line.substr(pos, 3) == "-->") pos += 3;
  else if (line.substr(pos, 2) == "->") pos += 2;
  else return {};
  const auto end = read_time(line, skip_blanks(line, pos));
  if (!end.ok || (end.end < line.size() && !is_ascii_whitespace(line[end.end]))) return {};
  return {true, start.value, end.value, end.end};
}

bool may_be_short_arrow_timing(std::string_view line) noexcept {
  return !line.empty() && line.size() < 256 && line.find("->") != std::string_view::npos &&
         (is_digit(line[0]) || is_ascii_whitespace(line[0]));
}

}  // namespace vttkit::detail
