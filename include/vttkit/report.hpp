// Reports: diagnostics rendered for people and tools, as text lines, one JSON array or GitHub
// workflow commands (docs/lint-rules.md), the same way by every command.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <vttkit/diagnostic.hpp>
#include <vttkit/sink.hpp>

namespace vttkit {

/// How findings are rendered.
enum class report_format : std::uint8_t {
  text,    ///< `path:line:col: severity: message [ID]`, one per line
  json,    ///< one JSON array of {"file", "line", "column", "severity", "rule", "name", "message"}
  github,  ///< `::error file=…,line=…,col=…,title=ID name::message` (`::warning` for warnings)
};

/// A report format's entry in the table of formats.
struct report_format_info {
  report_format format;
  std::string_view name;  ///< as `--format` takes it: "text", "json", "github"
  std::string_view summary;
};
/// Every report format, the default (text) first.
[[nodiscard]] std::span<const report_format_info> report_formats() noexcept;
/// "text", "json" or "github" to a format.
[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name) noexcept;

/// Appends a file name (or any text) the way every text output shows it: control characters
/// (C0, DEL and C1) and bytes that are not UTF-8 written as `\xHH`, the rest as is. File
/// names need not be UTF-8 and may hold an ESC; none of it reaches a terminal raw.
void append_display_name(std::string& out, std::string_view name);
/// `append_display_name` into a new string.
[[nodiscard]] std::string display_name(std::string_view name);

/// Appends one finding in `format`, with its line end. JSON: one object, without separator;
/// use `report_writer` for a whole array.
void append_finding(std::string& out, report_format format, std::string_view file, const diagnostic& d);
/// `path:line:col: severity: message [ID]` without a line end (text for standard error).
[[nodiscard]] std::string format_finding(std::string_view file, const diagnostic& d);

/// Shows at most `limit` diagnostics of each rule per file, and counts the rest: a file with a
/// NUL on every line, or UTF-16 read as UTF-8, would otherwise print a line per byte. One cap
/// per file; the counts of a lint run (its exit code and summary) include what is not shown.
class diagnostic_cap {
 public:
  /// Diagnostics of one rule shown per file (docs/batch.md).
  static constexpr std::size_t default_limit = 20;
  /// `limit` 0: no cap.
  explicit diagnostic_cap(std::size_t limit = default_limit) noexcept : limit_(limit) {}
  /// Counts `d`; whether it is to be shown (false once its rule has had `limit` in this file).
  bool admit(const diagnostic& d) noexcept {
    auto& n = seen_[static_cast<std::size_t>(d.rule)];
    ++n;
    return limit_ == 0 || n <= limit_;
  }
  /// Appends, in `format`, one line per rule that had diagnostics not shown: `FILE: N more
  /// ID name diagnostics not shown` (text; GitHub: a `::notice`; JSON: nothing, it has them all).
  void append_omitted(std::string& out, report_format format, std::string_view file) const;
  /// Starts a new file.
  void reset() noexcept { seen_ = {}; }

 private:
  std::size_t limit_;
  std::array<std::size_t, rule_count> seen_{};
};

/// Totals of a lint run, for its summary line.
struct report_totals {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t files = 0;       ///< files checked
  std::size_t unreadable = 0;  ///< files that could not be read
  bool strict = false;         ///< warnings fail too
};
/// `0 errors, 2 warnings in 1 file`, then `; 1 file could not be read` and
/// ` (--strict: warnings fail)` when they apply. No line end.
[[nodiscard]] std::string summary_line(const report_totals& totals);

/// Writes findings one by one to a sink in one format, and closes the output at the end (the
/// JSON array's `]`). Output is buffered; `finish` writes the rest.
///
/// Findings may also be rendered elsewhere (on other threads, file by file) with `render` and
/// handed over in order with `add_rendered`: concatenated renderings are the same bytes as
/// the findings added one by one.
class report_writer {
 public:
  report_writer(byte_sink& out, report_format format);
  report_writer(const report_writer&) = delete;
  report_writer& operator=(const report_writer&) = delete;

  /// Renders one finding for `add_rendered` (JSON: each record carries its separator).
  static void render(std::string& out, report_format format, std::string_view file, const diagnostic& d);

  /// Adds one finding. False once writing has failed (see `error()`).
  bool add(std::string_view file, const diagnostic& d);
  /// Adds findings rendered by `render`, in the order they are to appear.
  bool add_rendered(std::string_view rendered);
  /// Writes what is buffered and closes the output (`[]` for a JSON report without findings).
  /// False when writing failed. Call once.
  bool finish();

  /// Whether any finding was added.
  [[nodiscard]] bool empty() const noexcept { return empty_; }
  /// Why writing failed (the sink's error).
  [[nodiscard]] const std::string& error() const noexcept { return out_.error(); }

 private:
  bool put(std::string_view bytes);
  bool flush();

  byte_sink& out_;
  report_format format_;
  std::string buffer_;
  bool empty_ = true;
  bool failed_ = false;
};

}  // namespace vttkit
