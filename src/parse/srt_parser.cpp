// Stage 2 for SubRip (see srt_parser.hpp).
#include "parse/srt_parser.hpp"

#include <limits>

#include <fmt/format.h>

#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

/// `s` without spaces and tabs at either end.
constexpr std::string_view trim_blanks(std::string_view s) noexcept { return trim(s, is_blank); }

/// `H+:MM:SS[,.]mmm` (one to three millisecond digits, as writers in the wild produce).
bool parse_srt_time(std::string_view s, std::size_t& pos, millis& out) noexcept {
  constexpr millis max_hours = std::numeric_limits<millis>::max() / 3'600'000 - 1;
  auto number = [&](std::size_t min_digits, std::size_t max_digits, millis& v) {
    std::size_t n = 0;
    v = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      if (v > max_hours) return false;
      v = v * 10 + (s[pos] - '0');
      ++pos;
      ++n;
    }
    return n >= min_digits && n <= max_digits;
  };
  millis h = 0, m = 0, sec = 0, ms = 0;
  if (!number(1, 20, h) || pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!number(1, 2, m) || pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!number(1, 2, sec) || pos >= s.size() || (s[pos] != ',' && s[pos] != '.')) return false;
  ++pos;
  const auto frac_at = pos;
  if (!number(1, 3, ms)) return false;
  for (auto d = pos - frac_at; d < 3; ++d) ms *= 10;
  if (m > 59 || sec > 59 || h > max_hours) return false;
  out = h * 3'600'000 + m * 60'000 + sec * 1000 + ms;
  return true;
}

}  // namespace

bool is_srt_index(std::string_view line) noexcept {
  line = trim_blanks(line);
  if (line.empty()) return false;
  for (char c : line)
    if (!is_digit(c)) return false;
  return true;
}

bool parse_srt_timing(std::string_view line, millis& start, millis& end) noexcept {
  std::size_t pos = 0;
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  if (!parse_srt_time(line, pos, start)) return false;
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  if (line.substr(pos, 3) != "-->") return false;
  pos += 3;
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  return parse_srt_time(line, pos, end);  // anything after (X1:... coordinates) is ignored
}

void append_srt_text(std::string_view text, std::string& payload, std::string& plain) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '<') {
      const auto close = text.find('>', i);
      if (close != std::string_view::npos) {
        const auto tag = text.substr(i + 1, close - i - 1);
        const bool end_tag = !tag.empty() && tag[0] == '/';
        const auto name = end_tag ? tag.substr(1) : tag;
        if (name.size() == 1 && std::string_view("ibuIBU").find(name[0]) != std::string_view::npos) {
          payload += '<';
          if (end_tag) payload += '/';
          payload += to_lower(name[0]);
          payload += '>';
          i = close + 1;
          continue;
        }
        if (istarts_with(name, "font") && (name.size() == 4 || name[4] == ' ')) {
          i = close + 1;  // <font ...> and </font> are dropped
          continue;
        }
      }
      payload += "&lt;";
      plain += c;
    } else if (c == '>') {
      payload += "&gt;";
      plain += c;
    } else if (c == '&') {
      payload += "&amp;";
      plain += c;
    } else {
      payload += c;
      plain += c;
    }
    ++i;
  }
}

bool srt_parser::next(cue& c) {
  std::string_view line;
  for (;;) {
    do {
      if (!ctx_.lines.next(line)) return false;
    } while (trim_blanks(line).empty());
    c.id.clear();
    c.id_line = 0;
    c.settings.clear();
    c.speaker.clear();
    if (is_srt_index(line)) {
      if (!ctx_.lines.next(line)) return false;
    }
    c.line = ctx_.lines.line_number();
    bool ok = parse_srt_timing(line, c.start, c.end);
    if (!ok) {
      ctx_.report(rule::invalid_timestamp, c.line, 1, "invalid SubRip timing line: the entry is dropped");
    } else if (c.end <= c.start) {
      ctx_.report(rule::end_not_after_start, c.line, 1,
                  fmt::format("cue ends at {} but starts at {}", format_timestamp(c.end), format_timestamp(c.start)));
    }
    c.payload.clear();
    c.text.clear();
    bool first = true;
    while (ctx_.lines.next(line) && !trim_blanks(line).empty()) {
      if (!ok) continue;
      const auto payload_size = c.payload.size(), text_size = c.text.size();
      if (!first) {
        c.payload += '\n';
        c.text += '\n';
      }
      const auto line_start = c.payload.size();
      append_srt_text(line, c.payload, c.text);
      if (c.payload.size() == line_start) {
        // Only <font> tags: no line at all, for an empty line would end a WebVTT cue.
        c.payload.resize(payload_size);
        c.text.resize(text_size);
        continue;
      }
      first = false;
    }
    if (ok) return true;
  }
}

}  // namespace vttkit::detail
