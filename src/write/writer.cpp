// Writers for every output format (SPEC section 3), streaming into one buffer.
#include <vttkit/write.hpp>

#include <array>
#include <cerrno>
#include <cstring>

#include <unistd.h>

#include <vttkit/cue_text.hpp>

#include "text/json.hpp"
#include "text/short_compare.hpp"
#include "model/timestamp_format.hpp"

namespace vttkit {
namespace {

constexpr std::size_t flush_threshold = std::size_t{1} << 18;

/// Writes `ms` as seconds ("2.72", "3", "0.005") ending at `end`; returns where it starts.
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

void append_seconds(std::string& out, millis ms) {
  char buf[32];
  const char* p = seconds_before(buf + sizeof buf, ms);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

/// Appends `a`, the seconds of `ms`, then `b`, in one append.
void append_between(std::string& out, std::string_view a, millis ms, std::string_view b) {
  char buf[96];
  char* digits_end = buf + 48;
  char* p = seconds_before(digits_end, ms);
  p -= a.size();
  std::memcpy(p, a.data(), a.size());
  std::memcpy(digits_end, b.data(), b.size());
  out.append(p, static_cast<std::size_t>(digits_end + b.size() - p));
}

void append_json_string_or_null(std::string& out, std::string_view s) {
  if (s.empty()) out += "null";
  else detail::append_json_string(out, s);
}

/// Lines joined with single spaces, runs of white space collapsed, ends trimmed. Text that
/// is already so (the common case) is appended in one piece.
void append_one_line(std::string& out, std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  std::size_t run = b;  // start of the text not yet appended
  for (std::size_t i = b; i < e; ++i) {
    if (!is_space(s[i])) continue;
    if (s[i] == ' ' && !is_space(s[i + 1])) continue;  // a single space stays (i + 1 < e: e is not a space)
    out.append(s.substr(run, i - run));
    out += ' ';
    while (is_space(s[i + 1])) ++i;
    run = i + 1;
  }
  out.append(s.substr(run, e - run));
}

/// Markdown text on one line (as append_one_line), with a backslash before each character
/// Markdown would read as markup. Paragraphs here always start with the speaker or the time,
/// so a leading `-`, `+` or `1.` in the text can never start a list.
void append_markdown(std::string& out, std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; };
  auto is_markup = [](char c) {
    return c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#';
  };
  bool pending_space = false;
  bool any = false;  // something written yet: leading white space is dropped
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      pending_space = any;
      ++i;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    any = true;
    auto j = i;
    while (j < s.size() && !is_space(s[j]) && !is_markup(s[j])) ++j;
    out.append(s.substr(i, j - i));  // a run of ordinary characters at once
    if (j < s.size() && is_markup(s[j])) {
      out += '\\';
      out += s[j++];
    }
    i = j;
  }
}

bool needs_markup_pass(std::string_view payload) {
  for (std::size_t p = payload.find('<'); p != std::string_view::npos; p = payload.find('<', p + 1)) {
    std::size_t q = p + 1;
    if (q < payload.size() && payload[q] == '/') ++q;
    if (q < payload.size() && (payload[q] == 'b' || payload[q] == 'i' || payload[q] == 'u')) return true;
  }
  return false;
}

/// SubRip text: the cue text with markup reduced to <b> <i> <u>.
void append_srt_markup(std::string& out, const cue& c) {
  if (!needs_markup_pass(c.payload)) {
    out += c.text;
    return;
  }
  const auto tree = parse_cue_text(c.payload);
  std::vector<std::pair<std::size_t, std::string_view>> open;  // depth, closing tag
  auto close_to = [&](std::size_t depth) {
    while (!open.empty() && open.back().first >= depth) {
      out += open.back().second;
      open.pop_back();
    }
  };
  for (const auto& node : tree.nodes) {
    close_to(node.depth);
    switch (node.kind) {
      case node_kind::text: out += node.value; break;
      case node_kind::italic: out += "<i>"; open.emplace_back(node.depth, "</i>"); break;
      case node_kind::bold: out += "<b>"; open.emplace_back(node.depth, "</b>"); break;
      case node_kind::underline: out += "<u>"; open.emplace_back(node.depth, "</u>"); break;
      default: break;
    }
  }
  close_to(0);
}

}  // namespace

namespace {
constexpr std::array<output_format_info, 7> format_table{{
    {output_format::vtt, "vtt", "vtt", "canonical WebVTT"},
    {output_format::srt, "srt", "srt", "SubRip"},
    {output_format::json, "json", "json", "one JSON document: title and cues"},
    {output_format::jsonl, "jsonl", "jsonl", "JSON Lines: one cue object per line"},
    {output_format::md, "md", "md", "Markdown transcript: a paragraph per speaker turn"},
    {output_format::txt, "txt", "txt", "plain transcript: a paragraph per speaker turn"},
    {output_format::podcast_json, "podcast-json", "json", "Podcasting 2.0 JSON transcript"},
}};
constexpr std::array<speaker_labels_info, 3> labels_table{{
    {speaker_labels::none, "none", "never"},
    {speaker_labels::change, "change", "on the first cue of each speaker turn"},
    {speaker_labels::every, "every", "on every cue that has a speaker"},
}};
}  // namespace

std::span<const output_format_info> output_formats() noexcept { return format_table; }
std::span<const speaker_labels_info> speaker_labels_choices() noexcept { return labels_table; }

std::optional<output_format> parse_output_format(std::string_view name) noexcept {
  for (const auto& f : format_table)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view to_string(output_format f) noexcept {
  for (const auto& e : format_table)
    if (e.format == f) return e.name;
  return "vtt";
}

std::string_view file_extension(output_format f) noexcept {
  for (const auto& e : format_table)
    if (e.format == f) return e.extension;
  return "vtt";
}

bool fd_sink::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      broken_pipe_ = errno == EPIPE;
      error_ = std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

struct writer::impl {
  impl(byte_sink& s, write_options o) : sink(s), options(o) { buf.reserve(flush_threshold + 4096); }

  byte_sink& sink;
  write_options options;
  std::string buf;
  bool failed = false;
  std::size_t count = 0;        // cues written
  bool any_item = false;        // vtt: something written after the header
  bool in_turn = false;         // md / txt: a paragraph is open
  std::string turn_speaker;     // speaker of the open turn

  void flush_if_full() {
    if (buf.size() >= flush_threshold) flush();
  }
  void flush() {
    if (!failed && !buf.empty() && !sink.write(buf)) failed = true;
    buf.clear();
  }
  /// True when `c` starts a new speaker turn (cues without a speaker are one speaker).
  bool new_turn(const cue& c) {
    const bool changed = !in_turn || !detail::same_bytes(c.speaker, turn_speaker);
    if (changed) turn_speaker = c.speaker;
    in_turn = true;
    return changed;
  }
  bool label_for(const cue& c, bool starts_turn) const {
    if (c.speaker.empty()) return false;
    switch (options.labels) {
      case speaker_labels::none: return false;
      case speaker_labels::change: return starts_turn;
      case speaker_labels::every: return true;
    }
    return false;
  }

  void cue_json(const cue& c) {
    buf += "{\"id\": ";
    detail::append_json_string(buf, c.id);
    append_between(buf, ", \"start\": ", c.start, "");
    append_between(buf, ", \"end\": ", c.end, ", \"speaker\": ");
    append_json_string_or_null(buf, c.speaker);
    buf += ", \"text\": ";
    detail::append_json_string(buf, c.text);
    buf += ", \"raw\": ";
    detail::append_json_string(buf, c.payload);
    buf += ", \"settings\": {";
    for (std::size_t i = 0; i < c.settings.size(); ++i) {
      if (i) buf += ", ";
      detail::append_json_string(buf, c.settings[i].name);
      buf += ": ";
      detail::append_json_string(buf, c.settings[i].value);
    }
    buf += "}}";
  }
};

writer::writer(byte_sink& sink, write_options options) : impl_(std::make_unique<impl>(sink, options)) {}
writer::~writer() = default;
bool writer::ok() const noexcept { return !impl_->failed; }

void writer::begin(const header& h) {
  auto& s = *impl_;
  auto& b = s.buf;
  switch (s.options.format) {
    case output_format::vtt: {
      b += "WEBVTT";
      auto rest = std::string_view(h.signature_text);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
      if (!rest.empty()) b += rest;
      else if (h.title) {
        b += " - ";
        b += *h.title;
      }
      b += '\n';
      if (!h.text.empty()) {
        b += h.text;
        b += '\n';
      }
      break;
    }
    case output_format::json:
      b += "{\"title\": ";
      if (h.title) detail::append_json_string(b, *h.title);
      else b += "null";
      b += ", \"cues\": [";
      break;
    case output_format::podcast_json: b += "{\"version\": \"1.0.0\", \"segments\": ["; break;
    case output_format::md:
      if (h.title) {
        b += "# ";
        append_markdown(b, *h.title);
        b += "\n\n";
      }
      break;
    case output_format::srt:
    case output_format::jsonl:
    case output_format::txt: break;
  }
}

void writer::write(const block& blk) {
  auto& s = *impl_;
  if (s.options.format != output_format::vtt) return;  // blocks exist only in WebVTT
  s.buf += '\n';
  s.buf += blk.text;
  s.buf += '\n';
  s.flush_if_full();
}

void writer::write(const cue& c) {
  auto& s = *impl_;
  auto& b = s.buf;
  switch (s.options.format) {
    case output_format::vtt:
      b += '\n';
      if (!c.id.empty()) {
        b += c.id;
        b += '\n';
      }
      {
        char line[2 * detail::max_timestamp_length + 8];
        std::size_t k = detail::write_timestamp(line, c.start, timestamp_style::vtt);
        std::memcpy(line + k, " --> ", 5);
        k += 5;
        k += detail::write_timestamp(line + k, c.end, timestamp_style::vtt);
        b.append(line, k);
      }
      for (const auto& setting : c.settings) {
        b += ' ';
        b += setting.name;
        b += ':';
        b += setting.value;
      }
      b += '\n';
      if (!c.payload.empty()) {
        b += c.payload;
        b += '\n';
      }
      break;
    case output_format::srt: {
      const bool starts = s.new_turn(c);
      {
        // The blank line, the number and the timing line, assembled and appended at once.
        char line[2 * detail::max_timestamp_length + 40];
        char num[24];
        char* p = num + sizeof num;
        for (auto n = s.count + 1; n > 0; n /= 10) *--p = static_cast<char>('0' + n % 10);
        std::size_t k = 0;
        if (s.count) line[k++] = '\n';
        for (; p < num + sizeof num; ++p) line[k++] = *p;
        line[k++] = '\n';
        k += detail::write_timestamp(line + k, c.start, timestamp_style::srt);
        std::memcpy(line + k, " --> ", 5);
        k += 5;
        k += detail::write_timestamp(line + k, c.end, timestamp_style::srt);
        line[k++] = '\n';
        b.append(line, k);
      }
      if (s.label_for(c, starts)) {
        b += c.speaker;
        b += ": ";
      }
      append_srt_markup(b, c);
      b += '\n';
      break;
    }
    case output_format::json:
      b += s.count ? ",\n" : "\n";
      s.cue_json(c);
      break;
    case output_format::jsonl:
      s.cue_json(c);
      b += '\n';
      break;
    case output_format::podcast_json:
      b += s.count ? ",\n" : "\n";
      b += '{';
      if (!c.speaker.empty()) {
        b += "\"speaker\": ";
        detail::append_json_string(b, c.speaker);
        b += ", ";
      }
      b += "\"startTime\": ";
      append_seconds(b, c.start);
      b += ", \"endTime\": ";
      append_seconds(b, c.end);
      b += ", \"body\": ";
      {
        std::string line;
        append_one_line(line, c.text);
        detail::append_json_string(b, line);
      }
      b += '}';
      break;
    case output_format::md: {
      const bool was_open = s.in_turn;
      if (s.new_turn(c)) {
        if (was_open) b += "\n\n";
        if (!c.speaker.empty()) {
          b += "**";
          append_markdown(b, c.speaker);
          b += "** ";
        }
        b += '[';
        std::string ts;
        append_timestamp(ts, c.start);
        b.append(ts, 0, ts.size() - 4);
        b += "] ";
        append_markdown(b, c.text);
      } else {
        b += ' ';
        append_markdown(b, c.text);
      }
      break;
    }
    case output_format::txt: {
      const bool was_open = s.in_turn;
      const bool starts = s.new_turn(c);
      if (starts && was_open) b += "\n\n";
      else if (!starts) b += s.options.labels == speaker_labels::every ? '\n' : ' ';
      if (s.label_for(c, starts)) {
        b += c.speaker;
        b += ": ";
      }
      append_one_line(b, c.text);
      break;
    }
  }
  ++s.count;
  s.flush_if_full();
}

bool writer::finish() {
  auto& s = *impl_;
  switch (s.options.format) {
    case output_format::json:
    case output_format::podcast_json: s.buf += s.count ? "\n]}\n" : "]}\n"; break;
    case output_format::md:
    case output_format::txt:
      if (s.in_turn) s.buf += '\n';
      break;
    default: break;
  }
  s.flush();
  return !s.failed;
}

std::string write_document(const document& doc, write_options options) {
  std::string out;
  string_sink sink{out};
  writer w{sink, options};
  w.begin(doc.header);
  std::size_t next_block = 0;
  for (std::size_t i = 0; i <= doc.cues.size(); ++i) {
    while (next_block < doc.blocks.size() && doc.blocks[next_block].before_cue <= i)
      w.write(doc.blocks[next_block++].block);
    if (i < doc.cues.size()) w.write(doc.cues[i]);
  }
  w.finish();
  return out;
}

}  // namespace vttkit
