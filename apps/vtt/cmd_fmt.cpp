// vtt fmt: rewrite WebVTT in canonical form; --check lists files that would change, --in-place rewrites them.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/format.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/report.hpp>
#include <vttkit/write.hpp>

#include "cli_io.hpp"
#include "commands.hpp"
#include "encoding.hpp"
#include "fix_command.hpp"
#include "flags.hpp"

namespace vtt {
namespace {

struct fmt_cli_options {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  bool check = false;
  bool in_place = false;
  bool force = false;
  bool fix = false;
  when color = when::automatic;
  std::string encoding;
};

/// The first diagnostic that means formatting would lose content (rule_info::loses_content:
/// no signature, the whole file; a timing line that does not parse, that cue).
struct content_loss {
  bool lost = false;
  vttkit::rule rule{};
  std::size_t line = 0;

  void see(const vttkit::diagnostic& d) {
    if (!lost && d.info().loses_content) {
      lost = true;
      rule = d.rule;
      line = d.line;
    }
  }
  [[nodiscard]] std::string describe() const { return fmt::format("{} at line {}", vttkit::info(rule).id, line); }
};

/// What fmt reports: errors, and the warnings that say the output lacks something (a dropped
/// cue setting); the other warnings are vtt lint's job.
vttkit::rule_set reported_rules() {
  vttkit::rule_set rules;
  for (const auto& r : vttkit::all_rules())
    if (r.severity == vttkit::severity::error || r.loses_content) rules.add(r.rule);
  return rules;
}

/// What happened to one file.
enum class outcome { unchanged, changed, refused, failed, unreadable, output_closed };

outcome fmt_written(const fmt_cli_options& opt, const output_plan& plan, const input_file& in,
                    const file_identities& inputs, messages& msg, vttkit::formatter& formatter,
                    const content_loss& loss);

/// Formats one input and tells whether its canonical form differs from it.
outcome fmt_one(const fmt_cli_options& opt, const output_plan& plan, const input_file& in,
                const file_identities& inputs, messages& msg) {
  const auto name = in.display();
  const auto shown = vttkit::display_name(name);  // for text lines: control bytes escaped
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", shown, error));
    return outcome::unreadable;
  }
  vttkit::fd_source file{handle.fd()};
  content_loss loss;
  vttkit::diagnostic_cap cap;  // so many of one rule per file, then a count
  vttkit::parse_options po;
  po.rules = reported_rules();
  po.encoding = opt.encoding;
  po.on_diagnostic = [&](const vttkit::diagnostic& d) {
    loss.see(d);
    if (cap.admit(d)) msg.diagnostic(name, d);
  };
  const auto omitted = [&] {
    std::string lines;
    cap.append_omitted(lines, vttkit::report_format::text, name);
    if (!lines.empty()) msg.line(lines.substr(0, lines.size() - 1));
  };
  vttkit::formatter formatter{file, std::move(po)};  // reads WebVTT only: fmt writes WebVTT
  const auto result = fmt_written(opt, plan, in, inputs, msg, formatter, loss);
  omitted();
  if (opt.quiet || result == outcome::unreadable || result == outcome::output_closed) return result;
  const auto note = conversion_note(formatter.encoding());
  if (!note.empty() && !opt.check && result != outcome::refused && result != outcome::failed)
    msg.line(fmt::format("vtt: {}: {}", shown, note));  // the file changes encoding: say so
  else if (const auto guess = guess_warning(name, formatter.encoding()); !guess.empty()) msg.line(guess);
  return result;
}

/// Formats one input read by `formatter` and writes it where the flags say.
outcome fmt_written(const fmt_cli_options& opt, const output_plan& plan, const input_file& in,
                    const file_identities& inputs, messages& msg, vttkit::formatter& formatter,
                    const content_loss& loss) {
  const auto shown = vttkit::display_name(in.display());
  std::string error;
  const bool signature = formatter.read_header();
  auto read_failed = [&] {
    msg.line(fmt::format("vtt: {}: {}", shown, formatter.read_error()));
    return outcome::unreadable;
  };
  if (!formatter.read_error().empty()) return read_failed();
  auto refuse = [&](std::string_view consequence) {
    msg.line(fmt::format("vtt: {}: formatting would lose content ({}): {} (use --force to accept)", shown,
                         loss.describe(), consequence));
    return outcome::refused;
  };
  // Without a signature the output would be an empty file: refuse before writing anything.
  if (!signature && !opt.force) return refuse(opt.check ? "not checked" : "not formatted");

  // --check writes nowhere; --in-place writes beside the input and renames over it; else
  // standard output, -o or --out-dir.
  output_file out;
  const bool writes = !opt.check;
  const auto out_path = opt.in_place ? in_place_target(in.path) : plan.path_for(in);
  if (writes && !out.open(out_path, inputs, opt.in_place, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(out_path), error));
    return outcome::failed;
  }
  if (!formatter.write(writes ? &out.sink() : nullptr)) {
    if (out.broken_pipe()) return outcome::output_closed;  // `vtt fmt big.vtt | head`: stop quietly
    msg.line(fmt::format("vtt: {}: write failed: {}",
                         out_path == "-" ? "standard output" : vttkit::display_name(out_path),
                         formatter.write_error()));
    return outcome::failed;
  }
  if (!formatter.read_error().empty()) return read_failed();
  if (loss.lost && !opt.force) {
    // A file output is dropped (never committed); standard output already has the rest.
    return refuse(opt.check         ? "not checked"
                  : opt.in_place    ? "the file is left as it was"
                  : out_path == "-" ? "the output lacks it"
                                    : vttkit::display_name(out_path) + " not written");
  }
  const bool same = !formatter.changed();
  // In place, an unchanged file is not rewritten: its time stamp and links stay as they are.
  if (writes && !(opt.in_place && same) && !out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(out_path), error));
    return outcome::failed;
  }
  return same ? outcome::unchanged : outcome::changed;
}

/// Why the flags do not fit the inputs, or nothing.
std::string usage_error(const fmt_cli_options& opt, const std::vector<input_file>& inputs) {
  if (opt.in_place && std::any_of(inputs.begin(), inputs.end(), [](const input_file& in) { return in.is_stdin(); }))
    return "vtt: fmt: --in-place needs file arguments, not standard input";
  if (!opt.output.empty() && inputs.size() > 1)
    return "vtt: fmt: -o takes one input; use --out-dir DIR, --in-place or --check for several";
  if (!opt.check && !opt.in_place && opt.out_dir.empty() && opt.output.empty() && inputs.size() > 1)
    return "vtt: fmt: several inputs need --in-place, --check or --out-dir DIR";  // several WebVTT files are not one
  return output_is_input(opt.output, inputs);
}

/// What `--check` advises for the inputs that would change: `--in-place` for files; for
/// standard input, which `--in-place` refuses, formatting it to a file of one's choosing.
std::string_view rewrite_advice(bool files, bool standard_input) {
  if (files && standard_input)
    return " (run 'vtt fmt --in-place FILE...' to rewrite the files, 'vtt fmt - > out.vtt' for standard input)";
  if (files) return " (run 'vtt fmt --in-place' to rewrite them)";
  if (standard_input) return " (run 'vtt fmt - > out.vtt' to write the canonical form)";
  return {};
}

/// Lists the files that would change (--check), prints the summary line and returns the exit code.
int conclude(const fmt_cli_options& opt, const std::vector<input_file>& inputs, const std::vector<outcome>& results,
             int code, messages& msg) {
  std::size_t changed = 0, refused = 0, failed = 0;
  bool changed_file = false, changed_stdin = false;  // which advice fits
  std::string listing;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    switch (results[i]) {
      case outcome::unchanged: break;
      case outcome::changed:
        ++changed;
        (inputs[i].is_stdin() ? changed_stdin : changed_file) = true;
        if (opt.check) {
          vttkit::append_display_name(listing, inputs[i].display());
          listing += '\n';
          code = std::max(code, int{exit_findings});
        }
        break;
      case outcome::refused:
        ++refused;
        code = std::max(code, int{exit_findings});
        break;
      case outcome::failed:
        ++failed;
        code = std::max(code, int{exit_findings});
        break;
      case outcome::unreadable:
        ++failed;
        code = std::max(code, int{exit_usage});
        break;
      case outcome::output_closed: break;  // returned before
    }
  }
  if (!listing.empty()) {
    vttkit::fd_sink out{1};
    if (!out.write(listing) && !out.broken_pipe()) {
      msg.line(fmt::format("vtt: standard output: write failed: {}", out.error()));
      code = std::max(code, int{exit_findings});
    }
  }
  if (!opt.quiet && (opt.check || opt.in_place)) {
    std::string line = fmt::format("{} of {} file{} {}", changed, inputs.size(), inputs.size() == 1 ? "" : "s",
                                   opt.check ? "would be reformatted" : "reformatted");
    if (refused) line += fmt::format(", {} refused", refused);
    if (failed) line += fmt::format(", {} failed", failed);
    if (opt.check) line += rewrite_advice(changed_file, changed_stdin);
    msg.line(line);
  }
  return code;
}

/// `fmt --fix`: vtt fix's safe repairs, written where fmt's flags say.
int run_fixing(const fmt_cli_options& opt) {
  fix_cli_options fix;
  fix.inputs = opt.inputs;
  fix.output = opt.output;
  fix.out_dir = opt.out_dir;
  fix.recursive = opt.recursive;
  fix.jobs = opt.jobs;
  fix.quiet = opt.quiet;
  fix.check = opt.check;
  fix.in_place = opt.in_place;
  fix.color = opt.color;
  fix.encoding = opt.encoding;
  fix.command = "fmt";
  return run_fix(fix);
}

int run(const fmt_cli_options& opt) {
  if (opt.fix) return run_fixing(opt);
  static messages msg;
  msg.quiet = opt.quiet;
  msg.style.color = use_color(opt.color, 2);
  bool bad_input_arg = false;
  const auto inputs = expand_inputs(opt.inputs, opt.recursive, webvtt_only, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  if (const auto usage = usage_error(opt, inputs); !usage.empty()) {
    msg.line(usage);
    return exit_usage;
  }
  msg.stdin_hint(inputs);
  output_plan plan;
  plan.output = opt.output;
  plan.out_dir = opt.out_dir;
  plan.extension = ".vtt";
  const auto clash = plan.clashes(inputs);

  // Outputs other than the inputs themselves must not be one of them (found once per run).
  const file_identities ids = opt.check || opt.in_place ? file_identities{} : file_identities{inputs};
  std::vector<outcome> results(inputs.size(), outcome::unchanged);
  const bool progress = !opt.quiet && inputs.size() > 1 && ::isatty(2) && (opt.check ? !::isatty(1) : true);
  const int jobs_code = run_jobs(inputs.size(), opt.jobs, progress ? &msg : nullptr, [&](std::size_t i) {
    if (clash[i]) {
      msg.line(fmt::format("vtt: {}: another input already writes {}", vttkit::display_name(inputs[i].display()),
                           vttkit::display_name(plan.path_for(inputs[i]))));
      results[i] = outcome::failed;
      return int{exit_findings};
    }
    if (std::string error; !plan.make_folder(plan.path_for(inputs[i]), error)) {
      msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(inputs[i].display()), error));
      results[i] = outcome::failed;
      return int{exit_findings};
    }
    results[i] = fmt_one(opt, plan, inputs[i], ids, msg);
    return results[i] == outcome::output_closed ? int{exit_output_closed} : int{exit_ok};
  });
  if (jobs_code == exit_output_closed) return exit_output_closed;
  return conclude(opt, inputs, results, bad_input_arg ? exit_usage : exit_ok, msg);
}

}  // namespace

command setup_fmt(CLI::App& app) {
  auto opt = std::make_shared<fmt_cli_options>();
  auto* cmd = app.add_subcommand("fmt",
                                 "Rewrite WebVTT in canonical form (two-digit hours, LF, one blank line "
                                 "between blocks; cue text kept byte for byte)");
  cmd->add_option("files", opt->inputs, "WebVTT files, or folders with -r ('-' or none: standard input)")
      ->type_name("FILE");
  auto* check = cmd->add_flag("--check", opt->check,
                              "Write nothing; list the files that would change and exit 1 if any");
  auto* in_place = cmd->add_flag("-i,--in-place", opt->in_place,
                                 "Rewrite the files (atomically: a temporary file renamed into place)");
  auto* output = cmd->add_option("-o,--output", opt->output, "Write to FILE (atomically; default: standard output)")
                     ->type_name("FILE");
  auto* out_dir = cmd->add_option("--out-dir", opt->out_dir, "Write DIR/<name>.vtt for each input (default: none)")
                      ->type_name("DIR");
  check->excludes(in_place)->excludes(output)->excludes(out_dir);
  in_place->excludes(output)->excludes(out_dir);
  cmd->add_flag("--force", opt->force,
                "Format even files that would lose content: E001 no signature, E002 a dropped cue, "
                "E005/E006 bytes replaced by U+FFFD, W104 a dropped cue setting");
  cmd->add_flag("--fix", opt->fix,
                "Also make the safe repairs of 'vtt fix' (cue text, order, ids: what players show is kept)");
  cmd->add_flag("-r,--recursive", opt->recursive, "Format the .vtt files under directory arguments");
  add_encoding_flag(*cmd, opt->encoding);
  add_jobs_flag(*cmd, opt->jobs, "Files formatted at once (0: all cores; at most 1024)");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary line and no progress bar (errors are still shown)");
  add_color_flag(*cmd, opt->color);
  cmd->footer(
      "Examples:\n"
      "  vtt fmt talk.vtt -o clean.vtt\n"
      "  vtt fmt --check *.vtt\n"
      "  vtt fmt --in-place -r transcripts/\n\n"
      "Exit codes: 0 done (with --check: nothing would change), 1 a file would change, was refused or "
      "failed, 2 usage error or unreadable input.");
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
