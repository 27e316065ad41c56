// Messages (see messages.hpp).
#include "messages.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace vtt {

void messages::line(const std::string& text) {
  std::lock_guard lock{mutex_};
  std::string out = text;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stderr);
}

namespace {

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (no overlongs, surrogates)
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const auto n = utf8_sequence(s, i);
      if (n == 0) {
        out += "\\ufffd";  // not UTF-8 (a file name, say): JSON text must be
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string format_diagnostic(const std::string& file, const vttkit::diagnostic& d) {
  const auto& info = d.info();
  return fmt::format("{}:{}:{}: {}: {} [{}]", file, d.line, d.column, vttkit::to_string(info.severity), d.message,
                     info.id);
}

void messages::diagnostic(const std::string& file, const vttkit::diagnostic& d) {
  line(format_diagnostic(file, d));
}

}  // namespace vtt
