// Reports: diagnostics rendered for people and tools, as text lines, one JSON array, GitHub
// workflow commands or a SARIF log (docs/lint-rules.md), the same way by every command.
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
#include <vttkit/source.hpp>

namespace vttkit {

/// How findings are rendered.
enum class report_format : std::uint8_t {
  text,    ///< `path:line:col: severity: message [ID]`, one per line
  json,    ///< one JSON array of {"file", "line", "column", "severity", "rule", "name", "message"}
  github,  ///< `::error file=…,line=…,col=…,title=ID name::message` (`::warning` for warnings)
  sarif,   ///< one SARIF 2.1.0 log: one run, the tool's rules, a result per finding
  gitlab,  ///< a GitLab code quality report: one JSON array of {description, check_name,
           ///< fingerprint, severity, location {path, lines {begin}}}
};

/// A report format's entry in the table of formats.
struct report_format_info {
  report_format format;
  std::string_view name;  ///< as `--format` takes it: "text", "json", "github", "sarif", "gitlab"
  std::string_view summary;
};
/// Every report format, the default (text) first.
[[nodiscard]] std::span<const report_format_info> report_formats() noexcept;
/// "text", "json", "github", "sarif" or "gitlab" to a format.
[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name) noexcept;

/// Appends a file name (or any text) the way every text output shows it: control characters
/// (C0, DEL and C1) and bytes that are not UTF-8 written as `\xHH`, the rest as is. File
/// names need not be UTF-8 and may hold an ESC; none of it reaches a terminal raw.
void append_display_name(std::string& out, std::string_view name);
/// `append_display_name` into a new string.
[[nodiscard]] std::string display_name(std::string_view name);

/// How text findings and summaries look. The defaults are the plain form that
/// docs/lint-rules.md specifies; colour and source lines are for a terminal.
struct text_style {
  /// ANSI colours: the location bold, `error` red, `warning` yellow, the rule id dim; in a
  /// summary, counts of errors and failures red, of warnings yellow.
  bool color = false;
  /// Under a finding, its source line and a caret under its column, when the line is given:
  ///
  ///     talk.vtt:3:14: error: ... [E002]
  ///      3 | 00:00:01.000 -> 00:00:02.000
  ///        |              ^
  ///
  /// Tabs are shown as four spaces, control characters as `\xHH` and invalid UTF-8 as U+FFFD,
  /// so the caret stands under the column's code point (wide characters count two terminal
  /// columns, combining marks none).
  bool source = false;
  /// Terminal columns a source line may take; a longer one is cut around the caret (`…`).
  std::size_t width = 100;
};

/// Appends one finding in `format`, with its line end. JSON: one object, without separator;
/// SARIF: one result object (`ruleId`, `ruleIndex`, `level`, `message`, `locations`), without
/// separator; GitLab: one issue object, without separator; use `report_writer` for a whole
/// array or log.
void append_finding(std::string& out, report_format format, std::string_view file, const diagnostic& d);
/// Appends one finding in `format`; a text finding in `style`, with `line` (the raw bytes of
/// the finding's line, without its end) shown under it when `style.source` is set. JSON and
/// GitHub findings ignore the style.
void append_finding(std::string& out, report_format format, std::string_view file, const diagnostic& d,
                    const text_style& style, std::optional<std::string_view> line = std::nullopt);
/// `path:line:col: severity: message [ID]` without a line end (text for standard error).
[[nodiscard]] std::string format_finding(std::string_view file, const diagnostic& d);
/// `format_finding` in `style` (colour only: standard error shows no source lines).
[[nodiscard]] std::string format_finding(std::string_view file, const diagnostic& d, const text_style& style);
/// Appends the source line `line` of finding `d` and the caret line under it, as
/// `text_style::source` describes, each with its line end.
void append_source_line(std::string& out, const diagnostic& d, std::string_view line, const text_style& style);

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
/// `summary_line` in `style` (counts above zero coloured).
[[nodiscard]] std::string summary_line(const report_totals& totals, const text_style& style);

/// Totals of a batch of files, for the summary after it.
struct batch_totals {
  std::string_view verb;  ///< what was done to a file that succeeded: "converted", "reformatted"
  std::size_t done = 0;   ///< files that succeeded
  std::size_t failed = 0;
  std::size_t errors = 0;    ///< error diagnostics shown
  std::size_t warnings = 0;  ///< warnings shown
};
/// `2,998 converted, 3 failed, 1 error, 12 warnings`: the files done always, the rest when
/// above zero; counts grouped by thousands. No line end.
[[nodiscard]] std::string batch_summary(const batch_totals& totals, const text_style& style = {});

/// A byte source that passes another one's bytes through and keeps the latest of them, so
/// that a report can show a finding's source line (`text_style::source`) without reading the
/// input twice: lint through it, and ask it for each finding's line as the finding arrives.
/// Findings come in line order, so the lines before the one asked for are dropped; at most
/// about `max_held` bytes are kept (a line that fell out of them is no longer at hand), so
/// memory stays bounded however large the input. The bytes are copied through `read`, never
/// handed out in place, so the input is parsed on one thread, the one that asks for lines.
class source_lines final : public byte_source {
 public:
  static constexpr std::size_t default_max_held = std::size_t{4} << 20;
  explicit source_lines(byte_source& in, std::size_t max_held = default_max_held);

  std::ptrdiff_t read(char* data, std::size_t size) override;

  /// The raw bytes of line `n` (1-based, numbered as the parser numbers them: CR, LF and CRLF
  /// end a line, a leading BOM is not part of line 1), without its end; none when it is not at
  /// hand (dropped, before a line asked for earlier, or not read yet). Valid until the next
  /// call of `line` or `read`.
  [[nodiscard]] std::optional<std::string_view> line(std::size_t n);

 private:
  bool skip_line();
  byte_source& in_;
  std::size_t max_held_;
  std::string held_;     // bytes read, from the start of line `line_no_` (at `pos_`) on
  std::size_t pos_ = 0;  // where line `line_no_` starts in `held_`
  std::size_t line_no_ = 1;
  bool partial_ = false;  // the start of line `line_no_` was dropped
  bool skip_lf_ = false;  // the line before ended with a CR at the end of what was read
  bool bom_checked_ = false;
};

/// Writes findings one by one to a sink in one format, and closes the output at the end (the
/// JSON arrays' `]`, the end of the SARIF log). A SARIF log starts with the tool and every rule
/// of the catalogue (a result's `ruleIndex` is its rule's place there, as in `all_rules()`),
/// columns counted in code points. A file is named by its path as given, percent-encoded as
/// a URI reference; standard input (`-`) is `stdin`. Output is buffered; `finish` writes the rest.
///
/// Findings may also be rendered elsewhere (on other threads, file by file) with `render` and
/// handed over in order with `add_rendered`: concatenated renderings are the same bytes as
/// the findings added one by one.
class report_writer {
 public:
  report_writer(byte_sink& out, report_format format);
  report_writer(const report_writer&) = delete;
  report_writer& operator=(const report_writer&) = delete;

  /// Renders one finding for `add_rendered` (JSON, SARIF: each record carries its separator).
  static void render(std::string& out, report_format format, std::string_view file, const diagnostic& d);
  /// `render` with a text style and the finding's source line (see `append_finding`).
  static void render(std::string& out, report_format format, std::string_view file, const diagnostic& d,
                     const text_style& style, std::optional<std::string_view> line);

  /// Adds one finding. False once writing has failed (see `error()`).
  bool add(std::string_view file, const diagnostic& d);
  /// Adds findings rendered by `render`, in the order they are to appear.
  bool add_rendered(std::string_view rendered);
  /// Writes what is buffered and closes the output (`[]` for a JSON or GitLab report without findings,
  /// a SARIF log with an empty `results` array). `unread`: inputs that could not be read; a SARIF
  /// log records the run's `invocations`, unsuccessful with a notification when there were any,
  /// so that a consumer does not take a failed run's empty results for a clean one.
  /// False when writing failed. Call once.
  bool finish(std::size_t unread = 0);

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
