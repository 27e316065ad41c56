// Reports: findings as text, JSON or GitHub workflow commands (see report.hpp).
#include <vttkit/report.hpp>

#include <array>
#include <iterator>

#include <fmt/format.h>
#include <utf8.h>

#include "text/json.hpp"

namespace vttkit {
namespace {

constexpr std::size_t flush_threshold = std::size_t{1} << 16;

constexpr std::array<report_format_info, 3> format_table{{
    {report_format::text, "text", "path:line:col: severity: message [ID], one finding per line"},
    {report_format::json, "json", "one JSON array of findings for the whole run"},
    {report_format::github, "github", "GitHub workflow commands (annotations on a pull request)"},
}};

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

void append_text(std::string& out, std::string_view file, const diagnostic& d) {
  const auto& info = d.info();
  append_escaped(out, file, escape_for::text);
  fmt::format_to(std::back_inserter(out), ":{}:{}: {}: ", d.line, d.column, to_string(info.severity));
  append_escaped(out, d.message, escape_for::text);
  out += " [";
  out += info.id;
  out += ']';
}

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

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

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
  }
}

std::string format_finding(std::string_view file, const diagnostic& d) {
  std::string out;
  append_text(out, file, d);
  return out;
}

void diagnostic_cap::append_omitted(std::string& out, report_format format, std::string_view file) const {
  if (limit_ == 0 || format == report_format::json) return;
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

std::string summary_line(const report_totals& t) {
  std::string line = fmt::format("{}, {} in {}", plural(t.errors, "error"), plural(t.warnings, "warning"),
                                 plural(t.files, "file"));
  if (t.unreadable > 0) line += fmt::format("; {} could not be read", plural(t.unreadable, "file"));
  if (t.strict && t.errors == 0 && t.warnings > 0) line += " (--strict: warnings fail)";
  return line;
}

// ---------------------------------------------------------------------------------------------
// report_writer. A JSON record is rendered with its leading separator (",\n  {...}"); the
// writer drops the first record's comma, so records rendered apart still make one array.
// ---------------------------------------------------------------------------------------------

report_writer::report_writer(byte_sink& out, report_format format) : out_(out), format_(format) {
  if (format_ == report_format::json) buffer_ = "[";
}

void report_writer::render(std::string& out, report_format format, std::string_view file, const diagnostic& d) {
  if (format != report_format::json) return append_finding(out, format, file, d);
  out += ",\n  ";
  append_json_object(out, file, d);
}

bool report_writer::add(std::string_view file, const diagnostic& d) {
  const auto start = buffer_.size();
  render(buffer_, format_, file, d);
  if (empty_ && format_ == report_format::json) buffer_.erase(start, 1);
  empty_ = false;
  return buffer_.size() < flush_threshold || flush();
}

bool report_writer::add_rendered(std::string_view rendered) {
  if (rendered.empty()) return !failed_;
  if (empty_ && format_ == report_format::json) rendered.remove_prefix(1);
  empty_ = false;
  // Rendered pieces come in batches already: written through, not held back.
  return flush() && put(rendered);
}

bool report_writer::finish() {
  if (format_ == report_format::json) buffer_ += empty_ ? "]\n" : "\n]\n";
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
