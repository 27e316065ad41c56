// Stage 2 for WebVTT (see webvtt_parser.hpp). Step numbers refer to the W3C algorithm.
#include "parse/webvtt_parser.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "text/ascii.hpp"
#include "text/short_compare.hpp"
#include "text/utf8.hpp"
#include "parse/recover.hpp"
#include "parse/simple_voice.hpp"

namespace vttkit::detail {
namespace {

std::size_t skip_whitespace(std::string_view s, std::size_t pos) noexcept {
  while (pos < s.size() && is_ascii_whitespace(s[pos])) ++pos;
  return pos;
}

/// 1-based code point column of byte offset `offset` in `line`.
std::size_t column_of(std::string_view line, std::size_t offset) noexcept {
  return count_code_points(line.substr(0, std::min(offset, line.size()))) + 1;
}

/// Columns of ascending byte offsets in one line, each counted on from the one before (a
/// timing line with many bad settings is not recounted from its start for each).
class column_cursor {
 public:
  explicit column_cursor(std::string_view line) noexcept : line_(line) {}
  std::size_t column_of(std::size_t offset) noexcept {
    offset = std::min(offset, line_.size());
    if (offset < offset_) *this = column_cursor{line_};
    column_ += count_code_points(line_.substr(offset_, offset - offset_));
    offset_ = offset;
    return column_;
  }

 private:
  std::string_view line_;
  std::size_t offset_ = 0;
  std::size_t column_ = 1;
};

/// "starts with KEYWORD and the rest is ASCII whitespace" (STYLE, REGION).
bool is_keyword_line(std::string_view buffer, std::string_view keyword) noexcept {
  if (buffer.substr(0, keyword.size()) != keyword) return false;
  return std::all_of(buffer.begin() + static_cast<std::ptrdiff_t>(keyword.size()), buffer.end(), is_ascii_whitespace);
}

/// "NOTE" alone or followed by a space, tab or line feed.
bool is_note(std::string_view buffer) noexcept {
  return buffer.substr(0, 4) == "NOTE" && (buffer.size() == 4 || is_blank(buffer[4]) || buffer[4] == '\n');
}

/// A first line that makes a NOTE, STYLE or REGION block: the lines after it are no timing line
/// to recover.
bool is_keyword_block(std::string_view first) noexcept {
  return is_note(first) || is_keyword_line(first, "STYLE") || is_keyword_line(first, "REGION");
}

/// The rules to parse a WebVTT percentage string: digits, optionally `.` digits, then `%`,
/// in 0..100.
bool parse_percentage(std::string_view s) noexcept {
  if (s.size() < 2 || s.back() != '%') return false;
  s.remove_suffix(1);
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return false;
  if (i < s.size()) {
    if (s[i] != '.') return false;
    const auto frac = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == frac || i != s.size()) return false;
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc{} && value >= 0 && value <= 100;
}

/// A `line` or `position` value split at its first comma: the position, then the alignment.
struct aligned_value {
  std::string_view position;
  std::string_view alignment;
  bool has_alignment = false;
};

aligned_value split_alignment(std::string_view value) noexcept {
  const auto comma = value.find(',');
  if (comma == std::string_view::npos) return {value, {}, false};
  return {value.substr(0, comma), value.substr(comma + 1), true};
}

/// The `line` setting's value check (the W3C steps for "line").
bool valid_line_value(std::string_view value) noexcept {
  const auto [linepos, linealign, has_align] = split_alignment(value);
  if (std::none_of(linepos.begin(), linepos.end(), is_digit)) return false;
  if (linepos.back() == '%') {
    if (!parse_percentage(linepos)) return false;
  } else {
    for (std::size_t i = 0; i < linepos.size(); ++i) {
      const char c = linepos[i];
      if (!(is_digit(c) || c == '-' || c == '.')) return false;
      if (c == '-' && i != 0) return false;
    }
    if (std::count(linepos.begin(), linepos.end(), '.') > 1) return false;
    if (const auto dot = linepos.find('.'); dot != std::string_view::npos) {
      if (dot == 0 || dot + 1 == linepos.size() || !is_digit(linepos[dot - 1]) || !is_digit(linepos[dot + 1]))
        return false;
    }
  }
  if (has_align && linealign != "start" && linealign != "center" && linealign != "end") return false;
  return true;
}

bool valid_position_value(std::string_view value) noexcept {
  const auto [colpos, colalign, has_align] = split_alignment(value);
  if (!parse_percentage(colpos)) return false;
  return !has_align || colalign == "line-left" || colalign == "center" || colalign == "line-right";
}

/// The identifier a REGION block's settings give (the last `id:` wins).
std::string region_id(std::string_view settings) {
  std::string id;
  std::size_t pos = 0;
  while ((pos = skip_whitespace(settings, pos)) < settings.size()) {
    auto end = pos;
    while (end < settings.size() && !is_ascii_whitespace(settings[end])) ++end;
    const auto token = settings.substr(pos, end - pos);
    const auto colon = token.find(':');
    if (colon != std::string_view::npos && colon != 0 && colon + 1 != token.size() && token.substr(0, colon) == "id")
      id = std::string(token.substr(colon + 1));
    pos = end;
  }
  return id;
}

/// Parses "WebVTT cue settings" from `text`; accepted settings go to `out`, each rejected
/// token is passed to `reject(token, byte offset in text, reason)`.
template <typename Reject>
void parse_cue_settings(std::string_view text, const webvtt_parser::region_set* region_ids,
                        std::vector<cue_setting>& out, Reject&& reject) {
  std::size_t pos = 0;
  while ((pos = skip_whitespace(text, pos)) < text.size()) {
    auto end = pos;
    while (end < text.size() && !is_ascii_whitespace(text[end])) ++end;
    const auto token = text.substr(pos, end - pos);
    const auto at = pos;
    pos = end;
    const auto colon = token.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == token.size()) {
      reject(token, at, "malformed cue setting");
      continue;
    }
    const auto name = token.substr(0, colon);
    const auto value = token.substr(colon + 1);
    bool ok = false;
    if (name == "region") ok = region_ids != nullptr && region_ids->contains(value);
    else if (name == "vertical") ok = value == "rl" || value == "lr";
    else if (name == "line") ok = valid_line_value(value);
    else if (name == "position") ok = valid_position_value(value);
    else if (name == "size") ok = parse_percentage(value);
    else if (name == "align")
      ok = value == "start" || value == "center" || value == "end" || value == "left" || value == "right";
    else {
      reject(token, at, "unknown cue setting");
      continue;
    }
    auto same = std::find_if(out.begin(), out.end(), [&](const cue_setting& s) { return s.name == name; });
    if (!ok) {
      // The cue's region is "the last region whose identifier is value, or null": a later
      // `region:` naming no region takes back an earlier one.
      if (name == "region" && same != out.end()) out.erase(same);
      reject(token, at, name == "region" ? "region not defined" : "invalid value");
      continue;
    }
    if (same != out.end()) same->value.assign(value);
    else out.push_back({std::string(name), std::string(value)});
  }
}

/// E001's message, with a hint when the first line says what the file is instead.
std::string missing_signature_message(bool got_line, std::string_view first) {
  if (!got_line) return "empty input: no WEBVTT signature, so no cues";
  std::string message = "no WEBVTT signature on the first line: the file has no cues";
  // UTF-16 without a byte order mark (one with is converted): every other character was a NUL.
  const std::string nul = "\xEF\xBF\xBD";  // U+FFFD, what the NUL became
  if (first.starts_with("W" + nul + "E" + nul))
    message += " (it looks like UTF-16LE without a byte order mark: read it with --encoding utf-16le)";
  else if (first.starts_with(nul + "W" + nul + "E"))
    message += " (it looks like UTF-16BE without a byte order mark: read it with --encoding utf-16be)";
  else if (!first.empty() && std::all_of(first.begin(), first.end(), [](char c) { return detail::is_digit(c); }))
    message += " (it starts like SubRip: vtt convert --from srt reads it; lint and fmt take WebVTT)";
  return message;
}

}  // namespace

bool webvtt_parser::read_header(header& out) {
  out = {};
  std::string_view line;
  // Steps 4-6: the signature, on the first line (CR and CRLF already mean LF).
  const bool got = ctx_.lines.next(line);
  if (!got && ctx_.lines.limit_line() != 0) return false;  // the read error says why
  if (!got || line.substr(0, 6) != "WEBVTT" || (line.size() > 6 && !is_blank(line[6]))) {
    ctx_.report(rule::missing_signature, 1, 1, missing_signature_message(got, line));
    return false;
  }
  out.signature_text.assign(line.substr(6));
  out.title = title_from_signature(out.signature_text);
  // Steps 7-12: header lines up to the first blank line; a timing line ends the header early.
  while (ctx_.lines.next(line)) {
    if (const auto at = find_arrow(line); at != std::string_view::npos) {
      ctx_.report(rule::arrow_in_text, ctx_.lines.line_number(), column_of(line, at),
                  "timing line right after the header without a blank line");
      ctx_.lines.unget();
      break;
    }
    if (line.empty()) break;
    for (const std::string_view name : {"Kind:", "Language:"}) {
      if (ctx_.wants(rule::header_metadata) && istarts_with(line, name))
        ctx_.report(rule::header_metadata, ctx_.lines.line_number(), 1,
                    fmt::format("'{}' header line: metadata WebVTT does not define, which players ignore", name));
    }
    if (!out.text.empty()) out.text += '\n';
    out.text.append(line);
    if (out.text.size() > line_reader::max_length) [[unlikely]] {
      ctx_.lines.stop_at_limit(1);  // a header that would hold memory without end
      break;
    }
  }
  return true;
}

bool webvtt_parser::parse_timings_and_settings(std::string_view line, cue& c) {
  const auto lineno = ctx_.lines.line_number();
  auto fail = [&](std::size_t at, std::string_view why) {
    ctx_.report(
        rule::invalid_timestamp, lineno, column_of(line, at),
        fmt::format("invalid timing line ({}): the cue is {}", why, ctx_.recover ? "kept in a NOTE block" : "dropped"));
    return false;
  };
  std::size_t pos = skip_whitespace(line, 0);
  const auto start_at = pos;
  const auto start = collect_timestamp(line.substr(pos));
  if (!start.ok) return recover(line, c) || fail(pos, "bad start time");
  pos = skip_whitespace(line, pos + start.length);
  if (pos + 3 > line.size() || line[pos] != '-' || line[pos + 1] != '-' || line[pos + 2] != '>')
    return recover(line, c) || fail(pos, "expected '-->'");
  pos = skip_whitespace(line, pos + 3);
  const auto end_at = pos;
  const auto end = collect_timestamp(line.substr(pos));
  if (!end.ok) return recover(line, c) || fail(pos, "bad end time");
  pos += end.length;
  c.start = start.value;
  c.end = end.value;
  if ((start.hour_digits == 1 || end.hour_digits == 1) && ctx_.wants(rule::short_hours)) {
    ctx_.report(rule::short_hours, lineno, column_of(line, start.hour_digits == 1 ? start_at : end_at),
                "hours written with one digit (write two: 00:00:00.000)");
  }
  read_settings(line, pos, c);
  return true;
}

bool webvtt_parser::recover(std::string_view line, cue& c) {
  if (!ctx_.recover) return false;
  const auto timing = recover_timing_line(line);
  if (!timing.ok) return false;
  c.start = timing.start;
  c.end = timing.end;
  ctx_.report(rule::invalid_timestamp, ctx_.lines.line_number(), 1,
              fmt::format("timing line that W3C players drop, read as {} --> {}: the cue is kept",
                          format_timestamp(c.start), format_timestamp(c.end)));
  read_settings(line, timing.settings_at, c);
  return true;
}

void webvtt_parser::read_settings(std::string_view line, std::size_t pos, cue& c) {
  const auto lineno = ctx_.lines.line_number();
  c.settings.clear();
  const auto rest = line.substr(pos);
  if (ctx_.wants(rule::bad_setting)) {
    column_cursor columns{line};
    parse_cue_settings(rest, region_ids_.get(), c.settings,
                       [&](std::string_view token, std::size_t at, std::string_view why) {
                         ctx_.report(rule::bad_setting, lineno, columns.column_of(pos + at),
                                     fmt::format("{} '{}', ignored", why, token));
                       });
  } else {
    parse_cue_settings(rest, region_ids_.get(), c.settings, [](std::string_view, std::size_t, std::string_view) {});
  }
}

void webvtt_parser::add_region(std::string id) {
  // Copied only when a state handed on still shares the set (regions come before the cues).
  std::shared_ptr<region_set> ids;
  if (region_ids_.use_count() == 1) ids = std::const_pointer_cast<region_set>(region_ids_);
  else ids = region_ids_ ? std::make_shared<region_set>(*region_ids_) : std::make_shared<region_set>();
  ids->insert(std::move(id));
  region_ids_ = std::move(ids);
}

/// Whether `line` holds only spaces and tabs: it looks blank, but only an empty line ends a block.
bool webvtt_parser::is_white_only(std::string_view line) noexcept {
  if (line.empty()) return false;
  for (const char ch : line)
    if (ch != ' ' && ch != '\t') return false;
  return true;
}

/// Names the cause of a block run into the next when one of its lines only looked blank and
/// more of the block followed it, for a diagnostic on line `at`. The line is named by its
/// distance from `at`, never by its number: on several threads a chunk counts its own lines,
/// and only a diagnostic's line field is shifted to the input's numbering.
std::string webvtt_parser::white_line_note(std::size_t at) const {
  if (block_white_line_ == 0 || block_white_line_ >= block_last_line_) return {};
  const std::size_t w = block_white_line_;
  const std::size_t d = w > at ? w - at : at - w;
  const char* const side = w > at ? "below" : "above";
  std::string where = d == 0   ? "this line"
                      : d == 1 ? std::string("the line ") + side
                               : "the line " + std::to_string(d) + " lines " + side;
  return "; " + where + " has only white space, which does not end a block";
}

webvtt_parser::block_result webvtt_parser::collect_block(cue& c) {
  // "Collect a WebVTT block" (not in the header). Blocks never start with an empty line.
  std::size_t line_count = 0;
  bool seen_arrow = false;
  bool have_cue = false;
  block_result kind = block_result::none;
  buffer_.clear();
  block_white_line_ = 0;
  block_last_line_ = 0;
  // Lines accumulate in buffer_ until a cue starts, then straight into the cue's payload.
  std::string* text = &buffer_;
  std::string_view line;
  while (ctx_.lines.next(line)) {
    if (line_count == 0) {
      if (line.empty()) continue;  // the block loop's "collect a sequence of LF"
      block_line_ = ctx_.lines.line_number();
    }
    ++line_count;
    if (!line.empty()) block_last_line_ = ctx_.lines.line_number();
    if (block_white_line_ == 0 && is_white_only(line)) block_white_line_ = ctx_.lines.line_number();
    const bool may_time = line_count == 1 || (line_count == 2 && !seen_arrow);
    auto at = find_arrow(line);
    if (at == std::string_view::npos && ctx_.recover && may_time && may_be_short_arrow_timing(line) &&
        (line_count == 1 || !is_keyword_block(buffer_)) && recover_timing_line(line).ok)
      at = line.find("->");
    if (at != std::string_view::npos) {
      if (may_time) {
        seen_arrow = true;
        timing_line_ = ctx_.lines.line_number();
        c.id = buffer_;
        c.id_line = line_count == 2 ? block_line_ : 0;
        c.line = timing_line_;
        have_cue = parse_timings_and_settings(line, c);
        if (have_cue) {
          buffer_.clear();
          c.payload.clear();
          text = &c.payload;
          seen_cue_ = true;
        } else if (ctx_.recover) {
          if (!buffer_.empty()) buffer_ += '\n';
          buffer_.append(line);  // kept in the NOTE block that the dropped lines become
        }
        continue;
      }
      ctx_.report(rule::arrow_in_text, ctx_.lines.line_number(), column_of(line, at),
                  "'-->' in cue text (missing blank line?" + white_line_note(ctx_.lines.line_number()) +
                      "): a new cue starts here");
      ctx_.lines.unget();
      break;
    }
    if (line.empty()) break;
    if (line_count == 2 && !seen_cue_) {
      if (is_keyword_line(buffer_, "STYLE")) {
        kind = block_result::style;
        buffer_.clear();
      } else if (is_keyword_line(buffer_, "REGION")) {
        kind = block_result::region;
        buffer_.clear();
      }
    }
    if (!text->empty()) *text += '\n';
    text->append(line);
    if (text->size() > line_reader::max_length) [[unlikely]] {
      ctx_.lines.stop_at_limit(block_line_);  // a block that would hold memory without end
      block_lines_ = 0;                       // nothing to hand out: the end of the input
      return block_result::none;
    }
  }
  if (ctx_.lines.limit_line() != 0) [[unlikely]] {
    block_lines_ = 0;  // stopped inside the block: no part of it is handed out
    return block_result::none;
  }
  block_lines_ = line_count;
  block_seen_arrow_ = seen_arrow;
  if (line_count == 0) return block_result::none;
  if (have_cue) return block_result::cue;
  return kind;
}

void webvtt_parser::finish_cue(cue& c) {
  if (c.end <= c.start) {
    ctx_.report(rule::end_not_after_start, c.line, 1,
                fmt::format("cue ends at {} but starts at {}", format_timestamp(c.end), format_timestamp(c.start)));
  }
  // Nearly every transcript cue: straight into the cue's strings, no summary in between.
  simple_voice_ = summarize_simple_voice_into(c.payload, c.text, c.speaker);
  if (simple_voice_) return;
  const bool tags = ctx_.wants(rule::bad_tag), entities = ctx_.wants(rule::bad_entity);
  const diagnostic_sink* sink = tags && entities ? &ctx_.sink : tags || entities ? &ctx_.filtered_sink : nullptr;
  summarize_cue_text(c.payload, summary_, c.line + 1, sink);
  c.text.assign(summary_.plain);
  // Most cues repeat the previous speaker: compare before copying.
  if (!same_bytes(c.speaker, summary_.speaker)) c.speaker.assign(summary_.speaker);
}

void webvtt_parser::dropped_as_note(block& b) {
  b.kind = block_kind::note;
  b.line = block_line_;
  b.text = fmt::format("NOTE not a cue (line {})", block_line_);
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    const auto eol = rest.find('\n');
    const auto one = rest.substr(0, eol);
    b.text += '\n';
    for (std::size_t from = 0;;) {  // "-->" would end the NOTE block there
      const auto arrow = one.find("-->", from);
      b.text.append(one.substr(from, arrow - from));
      if (arrow == std::string_view::npos) break;
      b.text += "--&gt;";
      from = arrow + 3;
    }
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
  }
}

bool webvtt_parser::next(item_kind& kind, cue& c, block& b) {
  for (;;) {
    const auto result = collect_block(c);
    if (block_lines_ == 0) return false;  // no line left: the end of the input
    switch (result) {
      case block_result::cue:
        finish_cue(c);
        kind = item_kind::cue;
        return true;
      case block_result::style:
      case block_result::region: {
        const bool style = result == block_result::style;
        if (!style) add_region(region_id(buffer_));
        b.kind = style ? block_kind::style : block_kind::region;
        b.text.assign(style ? "STYLE" : "REGION");
        if (!buffer_.empty()) {
          b.text += '\n';
          b.text += buffer_;
        }
        b.line = block_line_;
        kind = item_kind::block;
        return true;
      }
      case block_result::none:
        if (ctx_.recover && (block_seen_arrow_ || !is_note(buffer_))) {
          if (!block_seen_arrow_)
            ctx_.report(rule::invalid_timestamp, block_line_, 1, "text without a timing line: kept in a NOTE block");
          dropped_as_note(b);
          kind = item_kind::block;
          return true;
        }
        if (is_note(buffer_)) {
          b.kind = block_kind::note;
          b.text = buffer_;
          b.line = block_line_;
          kind = item_kind::block;
          return true;
        }
        // The algorithm drops this block. A failed timing line was reported already; any
        // other lost text is reported here, so that nothing disappears silently.
        if (!block_seen_arrow_)
          ctx_.report(rule::invalid_timestamp, block_line_, 1,
                      "text without a timing line" + white_line_note(block_line_) + ": the block is dropped");
        break;
    }
  }
}

}  // namespace vttkit::detail
