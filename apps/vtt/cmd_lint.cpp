// vtt lint: check files against the rules of SPEC section 6; findings as text, JSON or GitHub annotations.
#include <algorithm>
#include <cctype>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/lint.hpp>

#include "choices.hpp"
#include "cli_io.hpp"
#include "commands.hpp"

namespace vtt {
namespace {

enum class output_style { text, json, github };

struct lint_cli_options {
  std::vector<std::string> inputs;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  std::string format = "text";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string profile = "default";
  bool strict = false;
  std::size_t max_line_length = 42;
  std::size_t max_lines = 2;
  double max_cps = 20.0;
  double min_duration = 0.833;
  double max_duration = 7.0;
  double min_gap = 0.083;
};

// ---------------------------------------------------------------------------------------------
// Formatting findings. Paths and messages may hold any bytes (file names are not UTF-8 by law,
// messages quote the input), so every format keeps control characters from reaching a terminal
// or breaking a record, and JSON gets valid UTF-8.
// ---------------------------------------------------------------------------------------------

/// Text for a terminal or a log: control characters written as `\xHH`.
void append_visible(std::string& out, std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) fmt::format_to(std::back_inserter(out), "\\x{:02X}", c);
    else out += ch;
  }
}

/// GitHub workflow command escaping: `%`, CR and LF always; `:` and `,` too in properties.
/// Other control characters are shown as `\xHH` as in text output.
void append_github(std::string& out, std::string_view s, bool property) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '%') out += "%25";
    else if (ch == '\r') out += "%0D";
    else if (ch == '\n') out += "%0A";
    else if (property && ch == ':') out += "%3A";
    else if (property && ch == ',') out += "%2C";
    else if (c < 0x20 || c == 0x7F) fmt::format_to(std::back_inserter(out), "\\x{:02X}", c);
    else out += ch;
  }
}

void append_finding(std::string& out, output_style style, std::string_view file, const vttkit::diagnostic& d) {
  const auto& info = d.info();
  const auto level = vttkit::to_string(info.severity);
  auto it = std::back_inserter(out);
  switch (style) {
    case output_style::text:
      append_visible(out, file);
      fmt::format_to(it, ":{}:{}: {}: ", d.line, d.column, level);
      append_visible(out, d.message);
      fmt::format_to(it, " [{}]\n", info.id);
      break;
    case output_style::json:
      // Each record starts with its separator; the output's first one is dropped (see
      // ordered_output), so files can be formatted independently and still make one array.
      out += ",\n  {\"file\": ";
      append_json_string(out, file);
      fmt::format_to(it, ", \"line\": {}, \"column\": {}, \"severity\": \"{}\", \"rule\": \"{}\", \"name\": \"{}\", "
                         "\"message\": ",
                     d.line, d.column, level, info.id, info.name);
      append_json_string(out, d.message);
      out += '}';
      break;
    case output_style::github:
      fmt::format_to(it, "::{} file=", level);
      append_github(out, file, true);
      fmt::format_to(it, ",line={},col={},title={} {}::", d.line, d.column, info.id, info.name);
      append_github(out, d.message, false);
      out += '\n';
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Output in input order while files are checked in parallel
// ---------------------------------------------------------------------------------------------

/// Standard output shared by the workers. The file first in input order that is not finished
/// yet (the head) writes straight through; the others collect their output until they become
/// the head. So the output is the same for any -j, and a single large file streams in
/// bounded memory.
class ordered_output {
 public:
  ordered_output(std::size_t files, bool drop_first_byte)
      : held_(files), finished_(files, false), drop_first_byte_(drop_first_byte) {}

  /// Appends a piece of file `index`'s output.
  void write(std::size_t index, std::string_view bytes) {
    std::lock_guard lock{mutex_};
    if (index == head_) emit(bytes);
    else held_[index].append(bytes);
  }

  /// File `index` has no more output.
  void done(std::size_t index) {
    std::lock_guard lock{mutex_};
    finished_[index] = true;
    while (head_ < finished_.size() && finished_[head_]) {
      ++head_;
      if (head_ < held_.size()) {
        emit(held_[head_]);
        std::string().swap(held_[head_]);
      }
    }
  }

  /// Writes bytes that belong to no file (the JSON brackets); call before or after the workers.
  void raw(std::string_view bytes) {
    std::lock_guard lock{mutex_};
    emit_raw(bytes);
  }

  /// Whether any file wrote anything (the JSON array is then not empty).
  [[nodiscard]] bool any_file_output() const noexcept { return any_file_output_; }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  /// Whether standard output was closed by its reader: then nothing more is written or said.
  [[nodiscard]] bool closed() const noexcept { return closed_; }
  [[nodiscard]] const std::string& error() const noexcept { return sink_.error(); }

 private:
  void emit(std::string_view bytes) {
    if (bytes.empty()) return;
    any_file_output_ = true;
    if (drop_first_byte_) {
      bytes.remove_prefix(1);
      drop_first_byte_ = false;
    }
    emit_raw(bytes);
  }
  void emit_raw(std::string_view bytes) {
    if (failed_ || bytes.empty()) return;
    if (!sink_.write(bytes)) {
      // `vtt lint big.vtt | head`: the reader has what it wanted; stop quietly (SPEC section 7).
      closed_ = sink_.broken_pipe();
      failed_ = true;
    }
  }

  std::mutex mutex_;
  vttkit::fd_sink sink_{1};
  std::vector<std::string> held_;
  std::vector<bool> finished_;
  std::size_t head_ = 0;
  bool drop_first_byte_;  ///< JSON: the first record's leading separator
  bool any_file_output_ = false;
  bool failed_ = false;
  std::atomic<bool> closed_{false};
};

/// Calls `ordered_output::done` however a file's run ends.
struct done_guard {
  ordered_output& out;
  std::size_t index;
  ~done_guard() { out.done(index); }
};

struct totals {
  std::atomic<std::size_t> errors{0};
  std::atomic<std::size_t> warnings{0};
  std::atomic<std::size_t> checked{0};
  std::atomic<std::size_t> unreadable{0};
};

/// Lints one input; returns its exit code.
int lint_one(const lint_cli_options& opt, output_style style, const vttkit::lint_options& options,
             const input_file& in, std::size_t index, ordered_output& out, messages& msg, totals& sum) {
  done_guard guard{out, index};
  const auto name = in.display();
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", name, error));
    ++sum.unreadable;
    return exit_usage;
  }
  vttkit::mapped_file_source source{handle.fd()};  // read in place when it is a regular file
  constexpr std::size_t chunk = std::size_t{1} << 16;
  std::string buffer;
  buffer.reserve(chunk + 1024);
  const auto result = vttkit::lint(source, options, [&](const vttkit::diagnostic& d) {
    append_finding(buffer, style, name, d);
    if (buffer.size() >= chunk) {
      out.write(index, buffer);
      buffer.clear();
    }
  });
  out.write(index, buffer);
  sum.errors += result.errors;
  sum.warnings += result.warnings;
  if (!result.read_error.empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, result.read_error));
    ++sum.unreadable;
    return exit_usage;
  }
  ++sum.checked;
  return result.errors > 0 || (opt.strict && result.warnings > 0) ? exit_findings : exit_ok;
}


std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

int run(const lint_cli_options& opt) {
  static messages msg;
  msg.quiet = opt.quiet;

  vttkit::lint_options options;
  const auto profile = vttkit::parse_lint_profile(opt.profile);
  std::string error;
  if (!profile || !vttkit::resolve_rules(*profile, opt.select, opt.ignore, options.rules, error)) {
    msg.line(fmt::format("vtt lint: {}", profile ? error : "unknown profile " + opt.profile));
    return exit_usage;
  }
  options.max_line_length = opt.max_line_length;
  options.max_lines = opt.max_lines;
  options.max_cps = opt.max_cps;
  options.min_duration = to_millis(opt.min_duration);
  options.max_duration = to_millis(opt.max_duration);
  options.min_gap = to_millis(opt.min_gap);
  const auto style = opt.format == "json" ? output_style::json
                     : opt.format == "github" ? output_style::github
                                              : output_style::text;

  bool bad_input_arg = false;
  const auto inputs = expand_inputs(opt.inputs, opt.recursive, webvtt_only, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  options.threads = threads_per_input(opt.jobs, inputs.size());

  ordered_output out{inputs.size(), style == output_style::json};
  if (style == output_style::json) out.raw("[");
  totals sum;
  // A progress bar only when findings are not going to the same terminal.
  const bool progress = !opt.quiet && inputs.size() > 1 && ::isatty(2) && !::isatty(1);
  int code = run_jobs(inputs.size(), opt.jobs, progress, [&](std::size_t i) {
    const int one = lint_one(opt, style, options, inputs[i], i, out, msg, sum);
    return out.closed() ? int{exit_output_closed} : one;
  });
  if (out.closed()) return exit_output_closed;
  if (style == output_style::json) out.raw(out.any_file_output() ? "\n]\n" : "]\n");
  if (out.failed()) {
    msg.line(fmt::format("vtt: standard output: write failed: {}", out.error()));
    code = std::max(code, int{exit_findings});
  }
  if (bad_input_arg) code = std::max(code, int{exit_usage});

  if (style == output_style::text && !opt.quiet) {
    const auto errors = sum.errors.load(), warnings = sum.warnings.load();
    std::string line = fmt::format("{}, {} in {}", plural(errors, "error"), plural(warnings, "warning"),
                                   plural(sum.checked.load(), "file"));
    if (const auto bad = sum.unreadable.load()) line += fmt::format("; {} could not be read", plural(bad, "file"));
    if (opt.strict && errors == 0 && warnings > 0) line += " (--strict: warnings fail)";
    msg.line(line);
  }
  return code;
}

}  // namespace

command setup_lint(CLI::App& app) {
  auto opt = std::make_shared<lint_cli_options>();
  // The limits' defaults are the library's.
  const vttkit::lint_options defaults;
  opt->max_line_length = defaults.max_line_length;
  opt->max_lines = defaults.max_lines;
  opt->max_cps = defaults.max_cps;
  opt->min_duration = to_seconds(defaults.min_duration);
  opt->max_duration = to_seconds(defaults.max_duration);
  opt->min_gap = to_seconds(defaults.min_gap);
  auto* cmd = app.add_subcommand("lint", "Check WebVTT files against the rules (see docs/lint-rules.md)");
  cmd->add_option("files", opt->inputs, "Files to check ('-' or none: standard input)");
  cmd->add_flag("-r,--recursive", opt->recursive, "Check the .vtt files under directory arguments");
  cmd->add_option("-j,--jobs", opt->jobs, "Workers: files checked at once, the rest parse one file (default: all cores); output keeps input order");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary line and no progress bar");
  cmd->add_option("--format", opt->format,
                  "Findings as text (path:line:col: ...), one JSON array, or GitHub annotations")
      ->check(CLI::IsMember({"text", "json", "github"}));
  // One value per occurrence, so `--select W102 file.vtt` leaves the file alone.
  cmd->add_option("--select", opt->select,
                  "Run only these rules: ids, names or letters, comma-separated (E,W102); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--ignore", opt->ignore, "Skip these rules (ids, names or letters, comma-separated); repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--profile", opt->profile, "Also run the subtitle (S) or transcript (T) rules")
      ->check(CLI::IsMember(names_of(vttkit::lint_profiles())))
      ->capture_default_str();
  cmd->add_flag("--strict", opt->strict, "Warnings fail too (exit 1)");
  cmd->add_option("--max-line-length", opt->max_line_length, "S201: characters per line")->capture_default_str();
  cmd->add_option("--max-lines", opt->max_lines, "S202: lines per cue")->capture_default_str();
  cmd->add_option("--max-cps", opt->max_cps, "S203: characters per second")->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--min-duration", opt->min_duration, "S204: shortest cue in seconds")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--max-duration", opt->max_duration, "S205: longest cue in seconds")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->add_option("--min-gap", opt->min_gap, "S206: smallest gap between cues in seconds")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  cmd->footer("Exit codes: 0 no failing finding, 1 an error (or, with --strict, a warning), 2 usage error or "
              "unreadable input.");
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
