// vtt lint: check files against the rules of docs/lint-rules.md; findings as text, JSON, GitHub annotations or SARIF.
#include <algorithm>
#include <map>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/lint.hpp>
#include <vttkit/report.hpp>

#include "choices.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "config.hpp"
#include "encoding.hpp"
#include "flags.hpp"
#include "ordered_output.hpp"

namespace vtt {
namespace {

struct lint_cli_options {
  std::vector<std::string> inputs;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  vttkit::report_format format = vttkit::report_format::text;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string profile = "default";
  bool strict = false;
  bool no_strict = false;  ///< --no-strict: a config file's lint.strict = true undone
  std::size_t max_line_length = 42;
  std::size_t max_lines = 2;
  double max_cps = 20.0;
  double min_duration = 0.833;
  double max_duration = 7.0;
  double min_gap = 0.083;
  when color = when::automatic;
  when show_source = when::automatic;
  std::string encoding;
  config_choice config;
  std::map<std::string, const CLI::Option*, std::less<>> flags;  ///< config key -> its flag
  /// Whether the flag of config key `key` was given on the command line.
  [[nodiscard]] bool given(std::string_view key) const {
    const auto it = flags.find(key);
    if (key == "lint.strict" && no_strict) return true;
    return it != flags.end() && it->second->count() > 0;
  }
};

/// How findings are written: the format, and for text the terminal style.
struct finding_look {
  vttkit::report_format format = vttkit::report_format::text;
  vttkit::text_style text;
};

/// Terminal columns a source line may take on standard output: the terminal's width less the
/// gutter, else the default.
std::size_t source_width() {
  winsize ws{};
  if (::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col - 10u;
  return vttkit::text_style{}.width;
}

// ---------------------------------------------------------------------------------------------
// Output in input order while files are checked in parallel
// ---------------------------------------------------------------------------------------------

/// Standard output shared by the workers: the findings of each file rendered by
/// `vttkit::report_writer::render`, put in input order by `ordered_output` (the same for any
/// -j; a single large file streams, the held findings of the others are capped), then into one
/// report (the JSON array, the SARIF log) on standard output.
class lint_output {
 public:
  lint_output(std::size_t files, vttkit::report_format format)
      : report_(stdout_, format),
        to_report_(report_),
        ordered_(files, joining::concatenate, default_cap, &to_report_) {}

  /// Appends a piece of file `index`'s rendered findings.
  void write(std::size_t index, std::string_view bytes) { ordered_.write(index, bytes); }
  /// File `index` has no more output.
  void done(std::size_t index) { ordered_.done(index); }
  /// Closes the report (the JSON array; SARIF: whether `unread` inputs failed); call after the workers.
  void finish(std::size_t unread) {
    if (!ordered_.failed()) finished_ok_ = report_.finish(unread);
  }

  [[nodiscard]] bool failed() noexcept { return ordered_.failed() || !finished_ok_; }
  /// Whether standard output was closed by its reader: then nothing more is written or said.
  /// (`vtt lint big.vtt | head`: the reader has what it wanted; stop quietly.)
  [[nodiscard]] bool closed() const noexcept { return stdout_.broken_pipe(); }
  [[nodiscard]] const std::string& error() const noexcept { return stdout_.error(); }

 private:
  using joining = ordered_output::joining;
  static constexpr std::size_t default_cap = ordered_output::default_cap;
  /// Hands rendered findings to the report writer.
  class report_sink final : public vttkit::byte_sink {
   public:
    explicit report_sink(vttkit::report_writer& report) noexcept : report_(report) {}
    bool write(std::string_view bytes) override { return report_.add_rendered(bytes); }

   private:
    vttkit::report_writer& report_;
  };

  vttkit::fd_sink stdout_{1};
  vttkit::report_writer report_;
  report_sink to_report_;
  ordered_output ordered_;
  bool finished_ok_ = true;
};

/// Calls `lint_output::done` however a file's run ends.
struct done_guard {
  lint_output& out;
  std::size_t index;
  ~done_guard() { out.done(index); }
};

struct totals {
  std::atomic<std::size_t> errors{0};
  std::atomic<std::size_t> warnings{0};
  std::atomic<std::size_t> checked{0};
  std::atomic<std::size_t> unreadable{0};
};

/// Lints `source`, rendering each finding into `out` (through a buffer) as `look` says; with
/// source lines, each finding's line comes from the bytes the lint reads.
vttkit::lint_summary lint_into(vttkit::byte_source& source, const vttkit::lint_options& options,
                               const finding_look& look, const std::string& name, std::size_t index, lint_output& out) {
  constexpr std::size_t chunk = std::size_t{1} << 16;
  std::string buffer;
  buffer.reserve(chunk + 1024);
  std::optional<vttkit::source_lines> lines;
  if (look.text.source && look.format == vttkit::report_format::text) lines.emplace(source);
  // Every finding is shown: they are lint's output (the cap of repeated diagnostics is for the
  // other commands' standard error).
  const auto result = vttkit::lint(lines ? *lines : source, options, [&](const vttkit::diagnostic& d) {
    vttkit::report_writer::render(buffer, look.format, name, d, look.text, lines ? lines->line(d.line) : std::nullopt);
    if (buffer.size() >= chunk) {
      out.write(index, buffer);
      buffer.clear();
    }
  });
  out.write(index, buffer);
  return result;
}

/// Lints one input; returns its exit code.
int lint_one(const lint_cli_options& opt, const finding_look& look, const vttkit::lint_options& options,
             const input_file& in, bool strict, std::size_t index, lint_output& out, messages& msg, totals& sum) {
  done_guard guard{out, index};
  const auto name = in.display();
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(name), error));
    ++sum.unreadable;
    return exit_usage;
  }
  vttkit::mapped_file_source source{handle.fd()};  // read in place when it is a regular file
  const auto result = lint_into(source, options, look, name, index, out);
  if (const auto guess = guess_warning(name, result.encoding); !guess.empty() && !opt.quiet) msg.line(guess);
  sum.errors += result.errors;
  sum.warnings += result.warnings;
  if (!result.read_error.empty()) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(name), result.read_error));
    ++sum.unreadable;
    return exit_usage;
  }
  ++sum.checked;
  return result.errors > 0 || (strict && result.warnings > 0) ? exit_findings : exit_ok;
}

/// The lint settings in `opt` with `cfg`'s values for the flags not given, and the rules
/// `cfg`'s per-file-ignores skip for `input`.
lint_cli_options with_config(const lint_cli_options& opt, const config& cfg, const std::string& input) {
  auto eff = opt;
  for (const auto& v : cfg.values) {
    if (opt.given(v.key)) continue;
    if (v.key == "lint.profile") eff.profile = v.text;
    else if (v.key == "lint.select") eff.select = v.list;
    else if (v.key == "lint.ignore") eff.ignore = v.list;
    else if (v.key == "lint.strict") eff.strict = v.text == "true";
    else if (v.key == "lint.max-line-length") eff.max_line_length = static_cast<std::size_t>(v.number);
    else if (v.key == "lint.max-lines") eff.max_lines = static_cast<std::size_t>(v.number);
    else if (v.key == "lint.max-cps") eff.max_cps = v.number;
    else if (v.key == "lint.min-duration") eff.min_duration = v.number;
    else if (v.key == "lint.max-duration") eff.max_duration = v.number;
    else if (v.key == "lint.min-gap") eff.min_gap = v.number;
  }
  for (auto& rules : per_file_ignores(cfg, input)) eff.ignore.push_back(std::move(rules));
  return eff;
}

/// The library's options from the settings; false and `error` when the rules do not resolve.
bool lint_settings(const lint_cli_options& opt, vttkit::lint_options& options, std::string& error) {
  const auto profile = vttkit::parse_lint_profile(opt.profile);
  if (!profile) {
    error = "unknown profile " + opt.profile;
    return false;
  }
  if (!vttkit::resolve_rules(*profile, opt.select, opt.ignore, options.rules, error)) return false;
  options.max_line_length = opt.max_line_length;
  options.max_lines = opt.max_lines;
  options.max_cps = opt.max_cps;
  options.min_duration = to_millis(opt.min_duration);
  options.max_duration = to_millis(opt.max_duration);
  options.min_gap = to_millis(opt.min_gap);
  // WebVTT is UTF-8: lint reports bytes that are not (E005) rather than guess another
  // encoding, unless --encoding names one.
  options.encoding = opt.encoding.empty() ? std::string("utf-8") : opt.encoding;
  return true;
}

/// Each input's settings (its config file's, then the flags'), the files read once each.
/// False, with the message said, on a bad config file or rule list.
bool settings_per_input(const lint_cli_options& opt, const std::vector<input_file>& inputs,
                        std::vector<vttkit::lint_options>& out, std::vector<bool>& strict, messages& msg) {
  std::map<std::string, config> loaded;
  std::string error;
  for (const auto& in : inputs) {
    const auto path = config_path(opt.config, in.path);
    auto it = loaded.find(path);
    if (it == loaded.end()) {
      it = loaded.emplace(path, config{}).first;
      if (!path.empty() && !load_config(path, it->second, error)) {
        msg.line(error);
        return false;
      }
    }
    const auto eff = with_config(opt, it->second, in.path);
    if (!lint_settings(eff, out.emplace_back(), error)) {
      msg.line(fmt::format("vtt: lint: {}", error));
      return false;
    }
    strict.push_back(eff.strict);
  }
  return true;
}

int run(const lint_cli_options& opt) {
  static messages msg;
  msg.quiet = opt.quiet;
  msg.style.color = use_color(opt.color, 2);

  const auto format = opt.format;
  finding_look look{format, {.color = use_color(opt.color, 1), .source = wanted(opt.show_source, 1)}};
  if (look.text.source) look.text.width = source_width();

  std::size_t bad_input_args = 0;
  const auto inputs = expand_inputs(opt.inputs, opt.recursive, webvtt_only, [&](const std::string& e) {
    msg.line("vtt: " + e);
    ++bad_input_args;
  });
  const bool bad_input_arg = bad_input_args > 0;
  std::vector<vttkit::lint_options> options;
  std::vector<bool> strict;
  if (!settings_per_input(opt, inputs, options, strict, msg)) return exit_usage;
  for (auto& o : options) o.threads = threads_per_input(opt.jobs, inputs.size());
  msg.stdin_hint(inputs);

  lint_output out{inputs.size(), format};
  totals sum;
  // A progress bar only when findings are not going to the same terminal.
  const bool progress = !opt.quiet && inputs.size() > 1 && ::isatty(2) && !::isatty(1);
  int code = run_jobs(inputs.size(), opt.jobs, progress ? &msg : nullptr, [&](std::size_t i) {
    const int one = lint_one(opt, look, options[i], inputs[i], strict[i], i, out, msg, sum);
    return out.closed() ? int{exit_output_closed} : one;
  });
  if (out.closed()) return exit_output_closed;
  // A missing folder or file argument was not read either.
  out.finish(sum.unreadable.load() + bad_input_args);
  if (out.closed()) return exit_output_closed;
  if (out.failed()) {
    msg.line(fmt::format("vtt: standard output: write failed: {}", out.error()));
    code = std::max(code, int{exit_findings});
  }
  if (bad_input_arg) code = std::max(code, int{exit_usage});

  if (format == vttkit::report_format::text && !opt.quiet) {
    msg.line(vttkit::summary_line({.errors = sum.errors.load(),
                                   .warnings = sum.warnings.load(),
                                   .files = sum.checked.load(),
                                   .unreadable = sum.unreadable.load(),
                                   .strict = std::find(strict.begin(), strict.end(), true) != strict.end()},
                                  msg.style));
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
  cmd->add_option("files", opt->inputs, "WebVTT files to check ('-' or none: standard input)")->type_name("FILE");
  cmd->add_flag("-r,--recursive", opt->recursive, "Check the .vtt files under directory arguments");
  add_jobs_flag(*cmd, opt->jobs,
                "Workers: files checked at once, the rest parse one file (0: all cores; at most 1024); output keeps "
                "input order");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary line and no progress bar");
  add_choice(*cmd, "--format", opt->format, vttkit::report_formats(), &vttkit::report_format_info::format,
             "Findings as text (path:line:col: ...), one JSON array, GitHub annotations, a SARIF 2.1.0 log, or a "
             "GitLab code quality report")
      ->type_name("FORMAT");
  // One value per occurrence, so `--select W102 file.vtt` leaves the file alone.
  auto& flags = opt->flags;
  flags["lint.select"] =
      cmd->add_option("--select", opt->select,
                      "Run only these rules: ids, names or letters, comma-separated (E,W102); repeatable (default: "
                      "the rules of the profile)")
          ->type_name("RULES")
          ->allow_extra_args(false);
  flags["lint.ignore"] = cmd->add_option(
                                "--ignore", opt->ignore,
                                "Skip these rules: ids, names or letters, comma-separated; repeatable (default: none)")
                             ->type_name("RULES")
                             ->allow_extra_args(false);
  flags["lint.profile"] = cmd->add_option("--profile", opt->profile,
                                          "Also run the subtitle (S) or transcript (T) rules")
                              ->type_name("NAME")
                              ->check(CLI::IsMember(names_of(vttkit::lint_profiles())))
                              ->capture_default_str();
  auto* strict = cmd->add_flag("--strict", opt->strict, "Warnings fail too (exit 1)");
  flags["lint.strict"] = strict;
  cmd->add_flag("--no-strict", opt->no_strict, "Warnings do not fail, whatever the config file says")->excludes(strict);
  add_color_flag(*cmd, opt->color);
  add_choice(*cmd, "--show-source", opt->show_source, std::span<const when_info>(when_choices), &when_info::when,
             "Under each text finding, its source line with a caret under the column: auto (when findings go to "
             "a terminal), always, never")
      ->type_name("WHEN");
  add_encoding_flag(*cmd, opt->encoding);
  add_config_flags(*cmd, opt->config);
  flags["lint.max-line-length"] = add_count_flag(*cmd, "--max-line-length", opt->max_line_length,
                                                 "S201: most characters per line");
  flags["lint.max-lines"] = add_count_flag(*cmd, "--max-lines", opt->max_lines, "S202: most lines per cue");
  flags["lint.max-cps"] = add_number_flag(*cmd, "--max-cps", opt->max_cps, "characters per second",
                                          "S203: most characters per second (decimals allowed)");
  flags["lint.min-duration"] = add_seconds_flag(*cmd, "--min-duration", opt->min_duration,
                                                "S204: shortest cue (1.5, 1.5s, 1500ms, 00:01.500)");
  flags["lint.max-duration"] = add_seconds_flag(*cmd, "--max-duration", opt->max_duration, "S205: longest cue");
  flags["lint.min-gap"] = add_seconds_flag(*cmd, "--min-gap", opt->min_gap,
                                           "S206: smallest gap between cues that do not overlap");
  cmd->footer(
      "Examples:\n"
      "  vtt lint talk.vtt\n"
      "  vtt lint --profile subtitle --max-cps 17 --format github subs/*.vtt\n"
      "  vtt lint --select E,W102 -r transcripts/\n\n"
      "Exit codes: 0 no failing finding, 1 an error (or, with --strict, a warning), 2 usage error or "
      "unreadable input.");
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
