// Stage 2 for SubRip (see srt_parser.hpp).
#include "parse/srt_parser.hpp"

#include <array>
#include <limits>

#include <fmt/format.h>

#include "text/ascii.hpp"
#include "text/utf8.hpp"

namespace vttkit::detail {
namespace {

/// `s` without spaces and tabs at either end.
constexpr std::string_view trim_blanks(std::string_view s) noexcept { return trim(s, is_blank); }

/// `H+:MM:SS`, or `MM:SS` without hours, then optionally `,` or `.` and one to three digits of
/// milliseconds (as writers in the wild produce; minutes and seconds may have a leading zero
/// too many, `00:00:013,567`).
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
  const auto first_at = pos;
  if (!number(1, 20, h) || pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  if (!number(1, 3, m)) return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!number(1, 3, sec)) return false;
  } else {                                 // MM:SS
    if (pos - first_at > 7) return false;  // at most three digits of minutes and of seconds
    sec = m;
    m = h;
    h = 0;
  }
  if (pos < s.size() && (s[pos] == ',' || s[pos] == '.')) {
    ++pos;
    const auto frac_at = pos;
    if (!number(1, 3, ms)) return false;
    for (auto d = pos - frac_at; d < 3; ++d) ms *= 10;
  }
  if (m > 59 || sec > 59 || h > max_hours) return false;
  out = h * 3'600'000 + m * 60'000 + sec * 1000 + ms;
  return true;
}

/// One override block `{\...}` (without the braces): records `\anN` and whether it holds
/// anything else.
void read_override_block(std::string_view block, srt_overrides& o, std::size_t at, std::string_view whole) {
  bool other = false;
  for (std::size_t p = 0; p < block.size();) {
    auto q = block.find('\\', p + 1);
    if (q == std::string_view::npos) q = block.size();
    const auto tag = block.substr(p + 1, q - p - 1);  // after the backslash
    if (tag.size() == 3 && tag[0] == 'a' && tag[1] == 'n' && tag[2] >= '1' && tag[2] <= '9') {
      if (o.alignment == 0) o.alignment = tag[2] - '0';  // the first one counts, as in ASS
    } else {
      other = true;
    }
    p = q;
  }
  if (other && o.other_at == std::string_view::npos) {
    o.other_at = at;
    o.other = whole;
  }
}

/// The length of a SubRip tag at the start of `text` ("<...>") that is dropped: `<font ...>`,
/// `</font>`, `<s>`, `</s>`; 0 otherwise.
std::size_t dropped_tag(std::string_view text) noexcept {
  const auto close = text.find('>');
  if (close == std::string_view::npos) return 0;
  auto name = text.substr(1, close - 1);
  if (!name.empty() && name[0] == '/') name.remove_prefix(1);
  if (istarts_with(name, "font") && (name.size() == 4 || name[4] == ' ')) return close + 1;
  if (name.size() == 1 && (name[0] == 's' || name[0] == 'S')) return close + 1;
  return 0;
}

/// The nine positions of `\anN`, N - 1 (the numeric keypad: 7 8 9 top, 4 5 6 middle, 1 2 3
/// bottom). Bottom is WebVTT's default line, centre its default alignment; `line:0` is the
/// first line from the top; `align:left` / `align:right` put the text at that edge (position
/// and its alignment follow from it).
constexpr std::array<srt_position, 9> positions{{
    {"", "left"},
    {"", ""},
    {"", "right"},
    {"50%,center", "left"},
    {"50%,center", ""},
    {"50%,center", "right"},
    {"0", "left"},
    {"0", ""},
    {"0", "right"},
}};

}  // namespace

const srt_position& srt_alignment_position(int an) noexcept { return positions[an >= 1 && an <= 9 ? an - 1 : 1]; }

int srt_alignment_of(const cue& c) noexcept {
  if (c.settings.empty()) return 2;
  std::string_view line, align;
  for (const auto& s : c.settings) {
    if (s.name == "line") line = s.value;
    else if (s.name == "align") align = s.value;
    else return 2;  // position, size, vertical, region: not one of the nine
  }
  for (int an = 1; an <= 9; ++an) {
    const auto& p = positions[an - 1];
    if (p.line == line && (p.align == align || (p.align.empty() && align == "center"))) return an;
  }
  return 2;
}

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
  if (!parse_srt_time(line, pos, end)) return false;
  return pos == line.size() || is_blank(line[pos]);  // anything after (X1:... coordinates) is ignored
}

void append_srt_text(std::string_view text, std::string& payload, std::string& plain, srt_overrides& overrides) {
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '\\') {
      const auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        read_override_block(text.substr(i + 1, close - i - 1), overrides, i, text.substr(i, close - i + 1));
        i = close + 1;
        continue;
      }
    }
    if (c == '<') {
      if (const auto n = dropped_tag(text.substr(i))) {
        i += n;
        continue;
      }
      const auto close = text.find('>', i);
      const auto tag = close == std::string_view::npos ? std::string_view{} : text.substr(i + 1, close - i - 1);
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

void srt_parser::add_line(cue& c, std::string_view line) {
  const auto payload_size = c.payload.size(), text_size = c.text.size();
  const bool first = c.payload.empty();
  if (!first) {
    c.payload += '\n';
    c.text += '\n';
  }
  const auto line_start = c.payload.size();
  srt_overrides o;
  append_srt_text(line, c.payload, c.text, o);
  if (alignment_ == 0) alignment_ = o.alignment;
  if (o.other_at != std::string_view::npos && !warned_override_ && ctx_.wants(rule::override_tag)) {
    warned_override_ = true;
    ctx_.report(rule::override_tag, ctx_.lines.line_number(), count_code_points(line.substr(0, o.other_at)) + 1,
                fmt::format("SubRip override tag {} removed (WebVTT has none; reported once per file)", o.other));
  }
  if (c.payload.size() == line_start) {
    // Only dropped tags: no line at all, for an empty line would end a WebVTT cue.
    c.payload.resize(payload_size);
    c.text.resize(text_size);
  }
}

void srt_parser::flush(cue& c, bool keep, std::size_t upto) {
  if (keep) {
    for (std::size_t p = 0; p < upto;) {
      const auto eol = pending_.find('\n', p);
      add_line(c, std::string_view(pending_).substr(p, eol - p));
      p = eol + 1;
    }
  }
  pending_.clear();
  has_number_ = false;
  number_at_ = number_end_ = prev_number_end_ = 0;
}

/// Takes `line` (the line after any index line) as the start of the next entry; false when
/// its timing does not parse (the entry is dropped: E002).
bool srt_parser::start_entry(std::string_view line, std::size_t line_no) {
  have_next_ = true;
  next_.line = line_no;
  next_.ok = parse_srt_timing(line, next_.start, next_.end);
  if (has_number_) {
    next_.id.assign(trim_blanks(std::string_view(pending_).substr(number_at_, number_end_ - number_at_ - 1)));
    next_.id_line = number_line_;
  } else {
    next_.id.clear();
    next_.id_line = 0;
  }
  if (!next_.ok) ctx_.report(rule::invalid_timestamp, line_no, 1, "invalid SubRip timing line: the entry is dropped");
  return next_.ok;
}

/// Reads the text lines of an entry (into `c` when `keep`), or with `prelude` the lines
/// before the first entry, up to the start of the next entry (then in `next_`) or the end.
void srt_parser::read_body(cue& c, bool keep, bool prelude) {
  // A line with "-->" that is not a timing line starts a (dropped) entry only where an entry
  // can start: after a blank line, or after an index line that follows one (or at the start).
  bool after_blank = prelude, index_after_blank = false;
  bool reported = false;
  std::string_view line;
  while (ctx_.lines.next(line)) {
    if (pending_.size() + c.payload.size() > line_reader::max_length) [[unlikely]] {
      ctx_.lines.stop_at_limit(keep ? c.line : ctx_.lines.line_number());  // memory without end
      have_next_ = false;
      return;
    }
    if (trim_blanks(line).empty()) {
      if (!line.empty()) pending_.append(line).push_back('\n');
      after_blank = true;
      continue;
    }
    saw_text_ = true;
    millis a = 0, b = 0;
    if (parse_srt_timing(line, a, b) ||
        ((after_blank || index_after_blank) && line.find("-->") != std::string_view::npos)) {
      // A new entry (the last number line is its index); what came before stays text up to
      // the number line before that.
      start_entry(line, ctx_.lines.line_number());
      flush(c, keep, has_number_ ? prev_number_end_ : 0);
      return;
    }
    if (is_srt_index(line)) {
      prev_number_end_ = has_number_ ? number_end_ : 0;
      has_number_ = true;
      number_at_ = pending_.size();
      pending_.append(line).push_back('\n');
      number_end_ = pending_.size();
      number_line_ = ctx_.lines.line_number();
      index_after_blank = after_blank;
      after_blank = false;
      continue;
    }
    if (prelude && !reported) {
      reported = true;
      ctx_.report(rule::invalid_timestamp, ctx_.lines.line_number(), 1,
                  "not a SubRip timing line: the lines up to the next entry are dropped");
    } else if (index_after_blank && !prelude) {  // "2" then text: the entry lost its timing line
      ctx_.report(rule::invalid_timestamp, number_line_, 1,
                  "SubRip entry number without a timing line: its text joins the entry before");
    }
    flush(c, keep, pending_.size());
    add_line(c, line);
    after_blank = index_after_blank = false;
  }
  have_next_ = false;
  flush(c, keep, has_number_ ? number_end_ : 0);  // lines of spaces at the end are dropped
}

bool srt_parser::next(cue& c) {
  if (!begun_) {
    begun_ = true;
    read_body(c, false, true);
  }
  while (have_next_) {
    c.id = std::move(next_.id);
    c.id_line = next_.id_line;
    c.line = next_.line;
    c.start = next_.start;
    c.end = next_.end;
    const bool ok = next_.ok;
    if (ok && c.end <= c.start) {
      ctx_.report(rule::end_not_after_start, c.line, 1,
                  fmt::format("cue ends at {} but starts at {}", format_timestamp(c.end), format_timestamp(c.start)));
    }
    c.settings.clear();
    c.speaker.clear();
    c.payload.clear();
    c.text.clear();
    alignment_ = 0;
    read_body(c, ok, false);
    if (ctx_.lines.limit_line() != 0) return false;  // the entry was cut short: not a cue
    if (!ok) continue;
    const auto& pos = srt_alignment_position(alignment_);
    if (!pos.line.empty()) c.settings.push_back({"line", std::string(pos.line)});
    if (!pos.align.empty()) c.settings.push_back({"align", std::string(pos.align)});
    return true;
  }
  return false;
}

bool srt_parser::first(cue& c) {
  if (next(c)) return true;
  if (saw_text_) {
    ctx_.report(rule::missing_signature, 1, 1,
                "no SubRip entry (a timing line such as 00:00:01,000 --> 00:00:02,000): the file has no cues");
  }
  return false;
}

}  // namespace vttkit::detail
