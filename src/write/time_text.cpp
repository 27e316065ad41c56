// Times as the output formats spell them (write/time_text.hpp).
#include "write/time_text.hpp"

#include <cstring>

namespace vttkit::detail {
namespace {

/// Writes `ms` as seconds ending at `end`; returns where it starts.
char* seconds_before(char* end, millis ms) noexcept {
  if (ms < 0) ms = 0;
  char* p = end;
  auto frac = static_cast<int>(ms % 1000);
  if (frac != 0) {
    int digits = 3;
    while (frac % 10 == 0) {
      frac /= 10;
      --digits;
    }
    for (int i = 0; i < digits; ++i) {
      *--p = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    *--p = '.';
  }
  auto whole = ms / 1000;
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole > 0);
  return p;
}

}  // namespace

std::size_t write_timing(char* out, millis start, millis end, timestamp_style style) noexcept {
  std::size_t k = write_timestamp(out, start, style);
  std::memcpy(out + k, " --> ", 5);
  k += 5;
  return k + write_timestamp(out + k, end, style);
}

void append_seconds(std::string& out, millis ms) {
  char buf[32];
  const char* p = seconds_before(buf + sizeof buf, ms);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

void append_seconds_between(std::string& out, std::string_view before, millis ms, std::string_view after) {
  char buf[96];
  char* digits_end = buf + 48;
  char* p = seconds_before(digits_end, ms);
  p -= before.size();
  std::memcpy(p, before.data(), before.size());
  std::memcpy(digits_end, after.data(), after.size());
  out.append(p, static_cast<std::size_t>(digits_end + after.size() - p));
}

void append_clock(std::string& out, millis ms) {
  char buf[max_timestamp_length];
  const auto n = write_timestamp(buf, ms, timestamp_style::vtt);
  out.append(buf, n - 4);  // without ".mmm"
}

}  // namespace vttkit::detail
