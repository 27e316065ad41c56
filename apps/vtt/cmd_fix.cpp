// vtt fix: rewrite WebVTT so that the W3C validator accepts it, each repair reported.
#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/diff.hpp>
#include <vttkit/fix.hpp>
#include <vttkit/format.hpp>
#include <vttkit/report.hpp>

#include "choices.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "encoding.hpp"
#include "fix_command.hpp"
#include "flags.hpp"

namespace vtt {
namespace {

/// What happened to one file.
enum class outcome { unchanged, changed, refused, failed, unreadable, output_closed };

struct file_result {
  outcome result = outcome::unchanged;
  std::size_t applied = 0;      ///< repairs made
  std::size_t not_applied = 0;  ///< unsafe repairs left for --unsafe-fixes
  std::string diff;             ///< with --diff
};

/// Reads all of `fd`.
bool read_all(int fd, std::string& bytes, std::string& error) {
  vttkit::fd_source in{fd};
  char buffer[1 << 16];
  for (;;) {
    const auto n = in.read(buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      error = in.error();
      return false;
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

/// The repair as a finding: its label at the end of the message.
vttkit::diagnostic labelled(const vttkit::repair& r) {
  auto d = r.what;
  d.message += r.safe      ? " (safe fix)"
               : r.applied ? " (unsafe fix)"
                           : " (unsafe fix, not made: vtt fix --unsafe-fixes makes it)";
  return d;
}

/// Repairs one input read from `source` into `sink` (nullptr: compare only) and prints its
/// repairs; a write error goes to `write_error`.
file_result fix_stream(const fix_cli_options& opt, const input_file& in, messages& msg, vttkit::byte_source& source,
                       vttkit::byte_sink* sink, std::string& write_error) {
  const auto name = in.display();
  const auto shown = vttkit::display_name(name);
  file_result result;
  std::vector<vttkit::repair> repairs;
  // As convert shows them: so many of one rule per file, then a count; -q, errors only.
  vttkit::diagnostic_cap cap;
  const auto show = [&](const vttkit::diagnostic& d) {
    if ((!opt.quiet || d.info().severity == vttkit::severity::error) && cap.admit(d)) msg.diagnostic(name, d);
  };
  vttkit::parse_options po;
  po.encoding = opt.encoding;
  po.on_diagnostic = show;
  const auto done = vttkit::fix_webvtt(source, sink, std::move(po), opt.fix,
                                       [&](const vttkit::repair& r) { repairs.push_back(r); });
  write_error = done.write_error;
  if (!done.read_error.empty()) {
    msg.line(fmt::format("vtt: {}: {}", shown, done.read_error));
    result.result = outcome::unreadable;
    return result;
  }
  if (!done.signature) {
    msg.line(fmt::format("vtt: {}: not WebVTT (no WEBVTT signature): not fixed", shown));
    result.result = outcome::refused;
    return result;
  }
  std::stable_sort(repairs.begin(), repairs.end(),
                   [](const vttkit::repair& a, const vttkit::repair& b) { return a.what.line < b.what.line; });
  for (const auto& r : repairs) {
    show(labelled(r));
    ++(r.applied ? result.applied : result.not_applied);
  }
  std::string omitted;
  cap.append_omitted(omitted, vttkit::report_format::text, name);
  if (!omitted.empty()) {
    omitted.pop_back();
    msg.line(omitted);
  }
  if (const auto guess = guess_warning(name, done.encoding); !guess.empty() && !opt.quiet) msg.line(guess);
  result.result = done.changed ? outcome::changed : outcome::unchanged;
  return result;
}

/// --diff: the input and its fixed form in memory, and the diff between them.
file_result fix_diff(const fix_cli_options& opt, const input_file& in, int fd, messages& msg) {
  std::string bytes, fixed, error;
  if (!read_all(fd, bytes, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(in.display()), error));
    file_result unreadable;
    unreadable.result = outcome::unreadable;
    return unreadable;
  }
  vttkit::memory_source source{bytes};
  vttkit::string_sink sink{fixed};
  auto result = fix_stream(opt, in, msg, source, &sink, error);
  const auto label = in.is_stdin() ? std::string("standard input") : in.display();
  if (result.result == outcome::changed) result.diff = vttkit::unified_diff(bytes, fixed, label, label + " (fixed)");
  return result;
}

/// Repairs one input and writes, diffs or only compares it as the flags say. Streams, but for
/// --diff: memory holds the fixer's sort window.
file_result fix_one(const fix_cli_options& opt, const output_plan& plan, const input_file& in,
                    const file_identities& inputs, messages& msg) {
  input_handle handle;
  std::string error;
  file_result result;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(in.display()), error));
    result.result = outcome::unreadable;
    return result;
  }
  if (opt.diff) return fix_diff(opt, in, handle.fd(), msg);
  vttkit::mapped_file_source source{handle.fd()};
  output_file out;
  const bool writes = !opt.check;
  const auto out_path = opt.in_place ? in_place_target(in.path) : plan.path_for(in);
  const auto shown_out = out_path == "-" ? std::string("standard output") : vttkit::display_name(out_path);
  if (writes && !out.open(out_path, inputs, opt.in_place, error)) {
    msg.line(fmt::format("vtt: {}: {}", shown_out, error));
    result.result = outcome::failed;
    return result;
  }
  result = fix_stream(opt, in, msg, source, writes ? &out.sink() : nullptr, error);
  if (!error.empty()) {
    if (out.broken_pipe()) result.result = outcome::output_closed;  // `vtt fix big.vtt | head`
    else msg.line(fmt::format("vtt: {}: write failed: {}", shown_out, error));
    if (!out.broken_pipe()) result.result = outcome::failed;
    return result;
  }
  if (result.result != outcome::changed && result.result != outcome::unchanged) return result;
  // In place, a file that needs no repair is not rewritten: its time stamp and links stay.
  if (writes && !(opt.in_place && result.result == outcome::unchanged) && !out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", shown_out, error));
    result.result = outcome::failed;
  }
  return result;
}

/// Why the flags do not fit the inputs, or nothing.
std::string usage_error(const fix_cli_options& opt, const std::vector<input_file>& inputs) {
  const auto prefix = "vtt: " + opt.command + ": ";
  const bool stdin_in = std::any_of(inputs.begin(), inputs.end(), [](const input_file& in) { return in.is_stdin(); });
  if (opt.in_place && stdin_in) return prefix + "--in-place needs file arguments, not standard input";
  if (!opt.output.empty() && inputs.size() > 1)
    return prefix + "-o takes one input; use --out-dir DIR, --in-place, --check or --diff for several";
  if (!opt.check && !opt.diff && !opt.in_place && opt.out_dir.empty() && opt.output.empty() && inputs.size() > 1)
    return prefix + "several inputs need --in-place, --check, --diff or --out-dir DIR";
  if (!opt.output.empty() && opt.output != "-" && file_identities{inputs}.contains(opt.output))
    return prefix + "-o " + opt.output + " is an input: use --in-place to rewrite it";
  return {};
}

/// The summary line and the exit code.
int conclude(const fix_cli_options& opt, const std::vector<input_file>& inputs, const std::vector<file_result>& results,
             int code, messages& msg) {
  std::size_t changed = 0, applied = 0, left = 0, failed = 0;
  for (const auto& r : results) {
    applied += r.applied;
    left += r.not_applied;
    if (r.result == outcome::changed) ++changed;
    if (r.result == outcome::changed && (opt.check || opt.diff)) code = std::max(code, int{exit_findings});
    if (r.result == outcome::refused || r.result == outcome::failed) ++failed;
    if (r.result == outcome::refused || r.result == outcome::failed) code = std::max(code, int{exit_findings});
    if (r.result == outcome::unreadable) ++failed, code = std::max(code, int{exit_usage});
  }
  if (opt.quiet) return code;
  const bool dry = opt.check || opt.diff;
  std::string line = fmt::format("{} repair{} {}, {} of {} file{} {}", applied, applied == 1 ? "" : "s",
                                 dry ? "to make" : "made", changed, inputs.size(), inputs.size() == 1 ? "" : "s",
                                 dry ? "would change" : "changed");
  if (failed) line += fmt::format(", {} failed", failed);
  if (left)
    line += fmt::format("; {} unsafe repair{} not made (vtt fix --unsafe-fixes makes them)", left,
                        left == 1 ? "" : "s");
  msg.line(line);
  return code;
}

}  // namespace

int run_fix(const fix_cli_options& opt) {
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
  const file_identities ids = opt.check || opt.in_place || opt.diff ? file_identities{} : file_identities{inputs};
  std::vector<file_result> results(inputs.size());
  const int jobs_code = run_jobs(inputs.size(), opt.jobs, nullptr, [&](std::size_t i) {
    const auto shown = vttkit::display_name(inputs[i].display());
    std::string error;
    if (clash[i] || !plan.make_folder(plan.path_for(inputs[i]), error)) {
      msg.line(fmt::format("vtt: {}: {}", shown,
                           clash[i] ? "another input already writes " + plan.path_for(inputs[i]) : error));
      results[i].result = outcome::failed;
      return int{exit_findings};
    }
    results[i] = fix_one(opt, plan, inputs[i], ids, msg);
    return results[i].result == outcome::output_closed ? int{exit_output_closed} : int{exit_ok};
  });
  if (jobs_code == exit_output_closed) return exit_output_closed;
  if (opt.diff) {
    vttkit::fd_sink out{1};
    for (const auto& r : results)
      if (!r.diff.empty() && !out.write(r.diff)) break;
  }
  return conclude(opt, inputs, results, bad_input_arg ? exit_usage : exit_ok, msg);
}

command setup_fix(CLI::App& app) {
  auto opt = std::make_shared<fix_cli_options>();
  auto* cmd = app.add_subcommand(
      "fix", "Repair WebVTT so that the W3C validator accepts it, each repair reported with its rule");
  cmd->add_option("files", opt->inputs, "WebVTT files, or folders with -r ('-' or none: standard input)")
      ->type_name("FILE");
  auto* check = cmd->add_flag("--check", opt->check, "Write nothing; exit 1 if a file would change");
  auto* diff = cmd->add_flag("--diff", opt->diff, "Write nothing; print a unified diff of each file that would change");
  auto* in_place = cmd->add_flag("-i,--in-place", opt->in_place,
                                 "Rewrite the files (atomically: a temporary file renamed into place)");
  auto* output = cmd->add_option("-o,--output", opt->output, "Write to FILE (atomically; default: standard output)")
                     ->type_name("FILE");
  auto* out_dir = cmd->add_option("--out-dir", opt->out_dir, "Write DIR/<name>.vtt for each input (default: none)")
                      ->type_name("DIR");
  check->excludes(diff)->excludes(in_place)->excludes(output)->excludes(out_dir);
  diff->excludes(in_place)->excludes(output)->excludes(out_dir);
  in_place->excludes(output)->excludes(out_dir);
  cmd->add_flag("--unsafe-fixes", opt->fix.unsafe,
                "Also make the repairs that change text or times (without it they are only reported)");
  add_choice(*cmd, "--overlap", opt->fix.overlap, vttkit::overlap_policies(), &vttkit::overlap_policy_info::policy,
             "What to do with a cue that starts before the previous one ends: keep, trim (end the earlier "
             "cue there) or shift (start the later cue after it); trim and shift are unsafe");
  cmd->add_flag("--close-voice", opt->fix.close_voice, "End a <v> span left open at the end of a cue with </v>");
  cmd->add_flag("-r,--recursive", opt->recursive, "Fix the .vtt files under directory arguments");
  add_encoding_flag(*cmd, opt->encoding);
  add_jobs_flag(*cmd, opt->jobs, "Files fixed at once (0: all cores; at most 1024)");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary line and no warnings: only errors (and error repairs) are shown");
  add_color_flag(*cmd, opt->color);
  cmd->footer(
      "Examples:\n"
      "  vtt fix talk.vtt -o clean.vtt\n"
      "  vtt fix --diff --unsafe-fixes talk.vtt\n"
      "  vtt fix --check -r subs/\n\n"
      "Exit codes: 0 done (with --check or --diff: nothing would change), 1 a file would change (--check, "
      "--diff), is not WebVTT or failed, 2 usage error or unreadable input.");
  return {cmd, [opt] { return run_fix(*opt); }};
}

}  // namespace vtt
