// Reports: findings as text, JSON, GitHub workflow commands or SARIF (see report.hpp).
#include <vttkit/report.hpp>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <optional>

#include <fmt/format.h>
#include <utf8.h>

#include <vttkit/version.hpp>

#include "text/ascii.hpp"
#include "text/json.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace vttkit {
namespace {

constexpr std::size_t flush_threshold = std::size_t{1} << 16;

constexpr std::array<report_format_info, 5> format_table{{
    {report_format::text, "text", "path:line:col: severity: message [ID], one finding per line"},
    {report_format::json, "json", "one JSON array of findings for the whole run"},
    {report_format::github, "github", "GitHub workflow commands (annotations on a pull request)"},
    {report_format::sarif, "sarif", "one SARIF 2.1.0 log for the whole run (code scanning)"},
    {report_format::gitlab, "gitlab", "a GitLab code quality report: one JSON array of issues"},
}};

/// Formats whose findings are records of one JSON document, each rendered after a separator.
constexpr bool is_json_document(report_format f) noexcept {
  return f == report_format::json || f == report_format::sarif || f == report_format::gitlab;
}

/// Formats that are one JSON array of records.
constexpr bool is_json_array(report_format f) noexcept {
  return f == report_format::json || f == report_format::gitlab;
}

/// Where escaped text goes: what else than control characters and bytes that are not UTF-8
/// must be replaced.
enum class escape_for : std::uint8_t {
  text,             ///< nothing else
  github_data,      ///< `%`, CR, LF as `%XX` (GitHub's escaping of a command's message)
  github_property,  ///< and `:` and `,` (a property value such as `file=`)
};

/// The replacement of an ASCII byte, or an empty view when it stays as it is. Control
/// characters without a format-specific escape get none here: the caller writes `\xHH`.
std::string_view ascii_escape(unsigned char c, escape_for where) noexcept {
  if (where == escape_for::text) return {};
  switch (c) {
    case '%': return "%25";
    case '\r': return "%0D";
    case '\n': return "%0A";
    case ':': return where == escape_for::github_property ? "%3A" : std::string_view{};
    case ',': return where == escape_for::github_property ? "%2C" : std::string_view{};
    default: return {};
  }
}

void append_hex_byte(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += "\\x";
  out += hex[c >> 4];
  out += hex[c & 15];
}

/// Appends `s` for a terminal or a log line: control characters (C0, DEL, C1) and bytes that
/// are not UTF-8 as `\xHH`, plus the escapes of `where`. Plain runs are copied in one piece.
void append_escaped(std::string& out, std::string_view s, escape_for where) {
  std::size_t run = 0, i = 0;
  std::size_t valid_to = 0;  // bytes before it are known to be valid UTF-8
  auto replace = [&](std::size_t width, auto&& write) {
    out.append(s.substr(run, i - run));
    write();
    i += width;
    run = i;
  };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > ':' && c < 0x7F) {  // most bytes: nothing below can replace them
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (i >= valid_to)
        valid_to = static_cast<std::size_t>(utf8::find_invalid(s.data() + i, s.data() + s.size()) - s.data());
      if (i == valid_to) {
        replace(1, [&] { append_hex_byte(out, c); });  // not UTF-8
      } else if (c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
        replace(2, [&] {  // U+0080..U+009F: C1 controls, CSI among them
          append_hex_byte(out, c);
          append_hex_byte(out, static_cast<unsigned char>(s[i + 1]));
        });
      } else {
        ++i;
      }
      continue;
    }
    if (const auto rep = ascii_escape(c, where); !rep.empty()) replace(1, [&] { out.append(rep); });
    else if (c < 0x20 || c == 0x7F) replace(1, [&] { append_hex_byte(out, c); });
    else ++i;
  }
  out.append(s.substr(run));
}

// ANSI SGR sequences of the colours (text_style::color).
constexpr std::string_view sgr_bold = "\033[1m";
constexpr std::string_view sgr_red = "\033[1;31m";
constexpr std::string_view sgr_yellow = "\033[1;33m";
constexpr std::string_view sgr_blue = "\033[34m";
constexpr std::string_view sgr_dim = "\033[2m";
constexpr std::string_view sgr_reset = "\033[0m";

constexpr std::string_view severity_color(severity s) noexcept { return s == severity::error ? sgr_red : sgr_yellow; }

/// Appends `text` in colour `sgr` when `on`, else as it is.
void append_colored(std::string& out, bool on, std::string_view sgr, std::string_view text) {
  if (on) out += sgr;
  out += text;
  if (on) out += sgr_reset;
}

void append_text(std::string& out, std::string_view file, const diagnostic& d, const text_style& style = {}) {
  const auto& info = d.info();
  const bool c = style.color;
  if (c) out += sgr_bold;
  append_escaped(out, file, escape_for::text);
  fmt::format_to(std::back_inserter(out), ":{}:{}:", d.line, d.column);
  if (c) out += sgr_reset;
  out += ' ';
  append_colored(out, c, severity_color(info.severity), fmt::format("{}:", to_string(info.severity)));
  out += ' ';
  append_escaped(out, d.message, escape_for::text);
  out += ' ';
  append_colored(out, c, sgr_dim, fmt::format("[{}]", info.id));
}

// ---------------------------------------------------------------------------------------------
// Source lines under findings (text_style::source)
// ---------------------------------------------------------------------------------------------

constexpr std::string_view ellipsis = "\u2026";
constexpr std::size_t tab_width = 4;

/// Shows the code point at `line[i]` as a terminal should see it, advancing `i` past it:
/// appended to `out` unless null. Returns the terminal columns it takes.
std::size_t show_code_point(std::string_view line, std::size_t& i, std::string* out) {
  const std::size_t start = i;
  const char32_t cp = detail::next_code_point(line, i);
  if (cp == '\t') {
    if (out) out->append(tab_width, ' ');
    return tab_width;
  }
  if (cp == 0 || cp == 0xFFFD) {  // NUL and invalid UTF-8: U+FFFD, as the parser reads them
    if (out) out->append(detail::replacement_character);
    return 1;
  }
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {  // C0, DEL, C1: never raw to a terminal
    if (out)
      for (std::size_t b = start; b < i; ++b) append_hex_byte(*out, static_cast<unsigned char>(line[b]));
    return 4 * (i - start);
  }
  if (out) out->append(line.substr(start, i - start));
  return static_cast<std::size_t>(detail::terminal_width(cp));
}

/// Where a source line is cut to fit the width: its shown part starts at terminal column
/// `from`, and the caret stands at `caret` (both counted in the whole line).
struct source_window {
  std::size_t caret = 0;
  std::size_t total = 0;  ///< the line's columns, or more than `caret + width` when longer
  std::size_t from = 0;
  bool cut_left = false, cut_right = false;
};

/// Walks the line up to the caret's column and at most `width` columns past it.
source_window window_of(std::string_view line, std::size_t column, std::size_t width) {
  source_window w;
  const std::size_t target = column > 0 ? column - 1 : 0;  // code points before the caret
  std::size_t i = 0, x = 0, n = 0;
  for (; n < target && i < line.size(); ++n) x += show_code_point(line, i, nullptr);
  w.caret = x + (target - n);  // a column past the end: the caret after it
  while (i < line.size() && x <= w.caret + width) x += show_code_point(line, i, nullptr);
  w.total = i < line.size() ? x + 1 : x;
  if (w.total <= width) return w;
  w.from = std::min(w.caret > width / 2 ? w.caret - width / 2 : 0, w.total - (width - 1));
  w.cut_left = w.from > 0;
  w.cut_right = w.from + width - (w.cut_left ? 1 : 0) < w.total;
  return w;
}

}  // namespace

void append_source_line(std::string& out, const diagnostic& d, std::string_view line, const text_style& style) {
  const std::size_t width = std::max<std::size_t>(style.width, 16);
  const auto w = window_of(line, d.column, width);
  const auto number = fmt::format("{}", d.line);
  const bool c = style.color;
  append_colored(out, c, sgr_blue, fmt::format(" {} |", number));
  out += ' ';
  std::size_t i = 0, x = 0;
  while (i < line.size() && x < w.from) x += show_code_point(line, i, nullptr);  // a wide glyph cut: skipped
  const std::size_t shown_from = x;
  const std::size_t room = width - (w.cut_left ? 1 : 0) - (w.cut_right ? 1 : 0);
  if (w.cut_left) out += ellipsis;
  while (i < line.size()) {
    std::size_t next = i;
    const auto cols = show_code_point(line, next, nullptr);
    if (x + cols - shown_from > room) break;
    x += show_code_point(line, i, &out);
  }
  if (w.cut_right) out += ellipsis;
  out += '\n';
  append_colored(out, c, sgr_blue, fmt::format(" {:{}} |", "", number.size()));
  out += ' ';
  out.append((w.cut_left ? 1 : 0) + (w.caret >= shown_from ? w.caret - shown_from : 0), ' ');
  append_colored(out, c, severity_color(d.info().severity), "^");
  out += '\n';
}

namespace {

void append_json_object(std::string& out, std::string_view file, const diagnostic& d) {
  const auto& info = d.info();
  out += "{\"file\": ";
  detail::append_json_string(out, file);
  fmt::format_to(std::back_inserter(out),
                 ", \"line\": {}, \"column\": {}, \"severity\": \"{}\", \"rule\": \"{}\", \"name\": \"{}\", "
                 "\"message\": ",
                 d.line, d.column, to_string(info.severity), info.id, info.name);
  detail::append_json_string(out, d.message);
  out += '}';
}

void append_github(std::string& out, std::string_view file, const diagnostic& d) {
  const auto& info = d.info();
  fmt::format_to(std::back_inserter(out), "::{} file=", to_string(info.severity));
  append_escaped(out, file, escape_for::github_property);
  fmt::format_to(std::back_inserter(out), ",line={},col={},title={} {}::", d.line, d.column, info.id, info.name);
  append_escaped(out, d.message, escape_for::github_data);
  out += '\n';
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (docs/lint-rules.md, "SARIF"): the log's head holds the tool and its rules, then
// one result per finding, each on a line of its own.
// ---------------------------------------------------------------------------------------------

constexpr std::string_view sarif_results_indent = "\n        ";

/// A file name as a SARIF artifact URI: a relative reference, path as given, with every byte
/// outside the unreserved characters, `/` and the harmless sub-delimiters percent-encoded (a
/// `:` too, which would otherwise read as a scheme); an absolute path as a `file://` URI, as
/// SARIF consumers (GitHub code scanning) expect. Standard input is `stdin`.
void append_artifact_uri(std::string& out, std::string_view file) {
  if (file == "-") {
    detail::append_json_string(out, "stdin");
    return;
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string uri = file.starts_with('/') ? "file://" : "";
  for (const char ch : file) {
    const auto c = static_cast<unsigned char>(ch);
    if (detail::is_alnum(ch) || std::string_view{"-._~/!$&'()*+,;=@"}.find(ch) != std::string_view::npos) {
      uri += ch;
    } else {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 15];
    }
  }
  detail::append_json_string(out, uri);
}

void append_sarif_rule(std::string& out, const rule_info& r) {
  fmt::format_to(std::back_inserter(out),
                 "{{\"id\": \"{}\", \"name\": \"{}\", \"shortDescription\": {{\"text\": ", r.id, r.name);
  detail::append_json_string(out, r.summary);
  out += "}, \"fullDescription\": {\"text\": ";
  detail::append_json_string(out, rule_description(r.rule));
  // help: the rule's whole section of docs/lint-rules.md, for viewers that show Markdown.
  out += "}, \"help\": {\"text\": ";
  detail::append_json_string(out, rule_description(r.rule));
  out += ", \"markdown\": ";
  detail::append_json_string(out, rule_documentation(r.rule));
  out += "}, \"helpUri\": ";
  detail::append_json_string(out, rule_help_uri(r.rule));
  fmt::format_to(std::back_inserter(out), ", \"defaultConfiguration\": {{\"level\": \"{}\"}}}}", to_string(r.severity));
}

void append_sarif_head(std::string& out) {
  out +=
      "{\n"
      "  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
      "  \"version\": \"2.1.0\",\n"
      "  \"runs\": [\n"
      "    {\n"
      "      \"tool\": {\n"
      "        \"driver\": {\n"
      "          \"name\": \"vtt\",\n";
  fmt::format_to(std::back_inserter(out), "          \"version\": \"{}\",\n", version);
  out += "          \"rules\": [";
  const char* separator = "\n            ";
  for (const auto& r : all_rules()) {
    out += separator;
    append_sarif_rule(out, r);
    separator = ",\n            ";
  }
  out +=
      "\n          ]\n"
      "        }\n"
      "      },\n"
      "      \"columnKind\": \"unicodeCodePoints\",\n"
      "      \"results\": [";
}

/// The end of a SARIF log: the results closed, then the run's invocation.
void append_sarif_tail(std::string& out, std::size_t unread) {
  out += "\n      ],\n      \"invocations\": [{\"executionSuccessful\": ";
  if (unread == 0) {
    out += "true}]";
  } else {
    fmt::format_to(std::back_inserter(out),
                   "false, \"toolExecutionNotifications\": [{{\"level\": \"error\", \"message\": {{\"text\": "
                   "\"{} input{} could not be read\"}}}}]}}]",
                   unread, unread == 1 ? "" : "s");
  }
  out += "\n    }\n  ]\n}\n";
}

void append_sarif_result(std::string& out, std::string_view file, const diagnostic& d) {
  const auto& info = d.info();
  fmt::format_to(std::back_inserter(out),
                 "{{\"ruleId\": \"{}\", \"ruleIndex\": {}, \"level\": \"{}\", \"message\": {{\"text\": ", info.id,
                 static_cast<std::size_t>(d.rule), to_string(info.severity));
  detail::append_json_string(out, d.message);
  out += "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ";
  append_artifact_uri(out, file);
  // SARIF lines and columns start at 1; a diagnostic without a position points at the start.
  fmt::format_to(std::back_inserter(out), "}}, \"region\": {{\"startLine\": {}, \"startColumn\": {}}}}}}}]}}",
                 std::max<std::size_t>(d.line, 1), std::max<std::size_t>(d.column, 1));
}

// ---------------------------------------------------------------------------------------------
// GitLab code quality (docs/integrations.md, "GitLab CI"): an array of issues, each with a
// fingerprint that stays the same from run to run for the same finding.
// ---------------------------------------------------------------------------------------------

/// 64-bit FNV-1a of `parts`, each followed by a NUL, from `basis`.
std::uint64_t fnv1a(std::uint64_t basis, std::initializer_list<std::string_view> parts) noexcept {
  std::uint64_t h = basis;
  for (const auto part : parts) {
    for (const char c : part) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    h *= 0x100000001b3ULL;  // the NUL
  }
  return h;
}

void append_gitlab_issue(std::string& out, std::string_view file, const diagnostic& d) {
  const auto& info = d.info();
  const auto line = std::to_string(d.line), column = std::to_string(d.column);
  const std::initializer_list<std::string_view> parts{file, info.id, line, column, d.message};
  // 128 bits from two FNV-1a runs with different bases: the same finding, the same fingerprint.
  const auto fingerprint = fmt::format("{:016x}{:016x}", fnv1a(0xcbf29ce484222325ULL, parts),
                                       fnv1a(0x84222325cbf29ce4ULL, parts));
  out += "{\"description\": ";
  detail::append_json_string(out, fmt::format("{} {}: {}", info.id, info.name, d.message));
  fmt::format_to(std::back_inserter(out),
                 ", \"check_name\": \"{}\", \"fingerprint\": \"{}\", \"severity\": \"{}\", \"location\": {{\"path\": ",
                 info.id, fingerprint, info.severity == severity::error ? "major" : "minor");
  detail::append_json_string(out, file);
  fmt::format_to(std::back_inserter(out), ", \"lines\": {{\"begin\": {}}}}}}}", std::max<std::size_t>(d.line, 1));
}

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

/// `n` with its digits grouped by thousands: 2,998.
std::string grouped(std::size_t n) {
  auto digits = std::to_string(n);
  for (auto at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, 1, ',');
  return digits;
}

/// `plural` of a count coloured `sgr` when it is above zero and colour is on.
std::string counted(std::size_t n, std::string_view word, bool color, std::string_view sgr) {
  std::string out;
  append_colored(out, color && n > 0, sgr, fmt::format("{} {}{}", grouped(n), word, n == 1 ? "" : "s"));
  return out;
}

}  // namespace

std::span<const report_format_info> report_formats() noexcept { return format_table; }

std::optional<report_format> parse_report_format(std::string_view name) noexcept {
  for (const auto& f : format_table)
    if (f.name == name) return f.format;
  return std::nullopt;
}

void append_display_name(std::string& out, std::string_view name) { append_escaped(out, name, escape_for::text); }

std::string display_name(std::string_view name) {
  std::string out;
  append_display_name(out, name);
  return out;
}

void append_finding(std::string& out, report_format format, std::string_view file, const diagnostic& d) {
  switch (format) {
    case report_format::text:
      append_text(out, file, d);
      out += '\n';
      break;
    case report_format::json:
      append_json_object(out, file, d);
      out += '\n';
      break;
    case report_format::github: append_github(out, file, d); break;
    case report_format::sarif:
      append_sarif_result(out, file, d);
      out += '\n';
      break;
    case report_format::gitlab:
      append_gitlab_issue(out, file, d);
      out += '\n';
      break;
  }
}

void append_finding(std::string& out, report_format format, std::string_view file, const diagnostic& d,
                    const text_style& style, std::optional<std::string_view> line) {
  if (format != report_format::text) return append_finding(out, format, file, d);
  append_text(out, file, d, style);
  out += '\n';
  if (style.source && line) append_source_line(out, d, *line, style);
}

std::string format_finding(std::string_view file, const diagnostic& d) {
  std::string out;
  append_text(out, file, d);
  return out;
}

std::string format_finding(std::string_view file, const diagnostic& d, const text_style& style) {
  std::string out;
  append_text(out, file, d, style);
  return out;
}

void diagnostic_cap::append_omitted(std::string& out, report_format format, std::string_view file) const {
  if (limit_ == 0 || is_json_document(format)) return;
  for (const auto& rule : all_rules()) {
    const auto seen = seen_[static_cast<std::size_t>(rule.rule)];
    if (seen <= limit_) continue;
    if (format == report_format::github) {
      out += "::notice file=";
      append_escaped(out, file, escape_for::github_property);
      out += "::";
    } else {
      append_escaped(out, file, escape_for::text);
      out += ": ";
    }
    fmt::format_to(std::back_inserter(out), "{} more {} {} diagnostics not shown\n", seen - limit_, rule.id, rule.name);
  }
}

std::string summary_line(const report_totals& t) { return summary_line(t, {}); }

std::string summary_line(const report_totals& t, const text_style& style) {
  const bool c = style.color;
  std::string line = fmt::format("{}, {} in {}", counted(t.errors, "error", c, sgr_red),
                                 counted(t.warnings, "warning", c, sgr_yellow), plural(t.files, "file"));
  if (t.unreadable > 0) line += fmt::format("; {} could not be read", counted(t.unreadable, "file", c, sgr_red));
  if (t.strict && t.errors == 0 && t.warnings > 0) line += " (--strict: warnings fail)";
  return line;
}

std::string batch_summary(const batch_totals& t, const text_style& style) {
  const bool c = style.color;
  std::string line = grouped(t.done) + " " + std::string(t.verb);
  if (t.failed > 0) {
    line += ", ";
    append_colored(line, c, sgr_red, grouped(t.failed) + " failed");
  }
  if (t.errors > 0) line += ", " + counted(t.errors, "error", c, sgr_red);
  if (t.warnings > 0) line += ", " + counted(t.warnings, "warning", c, sgr_yellow);
  return line;
}

// ---------------------------------------------------------------------------------------------
// report_writer. A JSON record is rendered with its leading separator (",\n  {...}"); the
// writer drops the first record's comma, so records rendered apart still make one array.
// ---------------------------------------------------------------------------------------------

report_writer::report_writer(byte_sink& out, report_format format) : out_(out), format_(format) {
  if (is_json_array(format_)) buffer_ = "[";
  if (format_ == report_format::sarif) append_sarif_head(buffer_);
}

void report_writer::render(std::string& out, report_format format, std::string_view file, const diagnostic& d) {
  if (format == report_format::sarif) {
    out += ',';
    out += sarif_results_indent;
    return append_sarif_result(out, file, d);
  }
  if (!is_json_array(format)) return append_finding(out, format, file, d);
  out += ",\n  ";
  if (format == report_format::gitlab) append_gitlab_issue(out, file, d);
  else append_json_object(out, file, d);
}

void report_writer::render(std::string& out, report_format format, std::string_view file, const diagnostic& d,
                           const text_style& style, std::optional<std::string_view> line) {
  if (format != report_format::text) return render(out, format, file, d);
  append_finding(out, format, file, d, style, line);
}

bool report_writer::add(std::string_view file, const diagnostic& d) {
  const auto start = buffer_.size();
  render(buffer_, format_, file, d);
  if (empty_ && is_json_document(format_)) buffer_.erase(start, 1);
  empty_ = false;
  return buffer_.size() < flush_threshold || flush();
}

bool report_writer::add_rendered(std::string_view rendered) {
  if (rendered.empty()) return !failed_;
  if (empty_ && is_json_document(format_)) rendered.remove_prefix(1);
  empty_ = false;
  // Rendered pieces come in batches already: written through, not held back.
  return flush() && put(rendered);
}

bool report_writer::finish(std::size_t unread) {
  if (is_json_array(format_)) buffer_ += empty_ ? "]\n" : "\n]\n";
  if (format_ == report_format::sarif) append_sarif_tail(buffer_, unread);
  return flush();
}

bool report_writer::put(std::string_view bytes) {
  if (failed_) return false;
  if (!bytes.empty() && !out_.write(bytes)) failed_ = true;
  return !failed_;
}

bool report_writer::flush() {
  const bool ok = put(buffer_);
  buffer_.clear();
  return ok;
}

}  // namespace vttkit

// ---------------------------------------------------------------------------------------------
// source_lines
// ---------------------------------------------------------------------------------------------

namespace vttkit {

source_lines::source_lines(byte_source& in, std::size_t max_held) : in_(in), max_held_(max_held) {}

std::ptrdiff_t source_lines::read(char* data, std::size_t size) {
  const auto n = in_.read(data, size);
  if (n < 0) {
    error_ = in_.error();
    return n;
  }
  const auto got = static_cast<std::size_t>(n);
  // Room for the new bytes: whole lines dropped from the front, or, when one line alone is too
  // long, the part of it held so far.
  while (held_.size() - pos_ + got > max_held_ && pos_ < held_.size()) {
    if (!skip_line()) {
      pos_ = held_.size();
      partial_ = true;
    }
  }
  if (pos_ > 0 && (pos_ >= held_.size() / 2 || held_.size() + got > max_held_)) {
    held_.erase(0, pos_);
    pos_ = 0;
  }
  held_.append(data, got);
  if (!bom_checked_ && held_.size() >= 3) {
    bom_checked_ = true;
    if (line_no_ == 1 && pos_ == 0 && held_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  }
  return n;
}

/// Moves past line `line_no_` when its end was read; false (nothing moved) when it was not.
bool source_lines::skip_line() {
  if (skip_lf_ && pos_ < held_.size()) {
    if (held_[pos_] == '\n') ++pos_;
    skip_lf_ = false;
  }
  const auto end = held_.find_first_of("\r\n", pos_);
  if (end == std::string::npos) return false;
  pos_ = end + 1;
  if (held_[end] == '\r') {
    if (pos_ == held_.size()) skip_lf_ = true;  // a CRLF whose LF is not read yet
    else if (held_[pos_] == '\n') ++pos_;
  }
  ++line_no_;
  partial_ = false;
  return true;
}

std::optional<std::string_view> source_lines::line(std::size_t n) {
  while (line_no_ < n) {
    if (!skip_line()) return std::nullopt;
  }
  if (n != line_no_ || partial_) return std::nullopt;
  if (skip_lf_ && pos_ < held_.size()) {
    if (held_[pos_] == '\n') ++pos_;
    skip_lf_ = false;
  }
  const auto end = held_.find_first_of("\r\n", pos_);
  const std::string_view rest{held_};
  return end == std::string::npos ? rest.substr(pos_) : rest.substr(pos_, end - pos_);
}

}  // namespace vttkit
