// vtt concat: inputs joined one after another (vttkit::concatenator) into one output.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/parse.hpp>
#include <vttkit/report.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "choices.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "encoding.hpp"
#include "flags.hpp"

namespace vtt {
namespace {

struct concat_flags {
  std::vector<std::string> inputs;
  std::string output;
  bool quiet = false;
  bool strict = false;
  when color = when::automatic;
  vttkit::input_format from = vttkit::input_format::automatic;
  std::string encoding;
  vttkit::write_options write;
  double gap = 0;
  std::string durations;  ///< "D1,D2,...": parsed into `options.durations`
  vttkit::concat_options options;
  const CLI::Option* to_flag = nullptr;
  std::string out_dir;  ///< refused: concat writes one output
  unsigned jobs = 0;    ///< refused: inputs are read in order
  const CLI::Option* out_dir_flag = nullptr;
  const CLI::Option* jobs_flag = nullptr;
};

/// Why the flags or inputs do not fit concat, checked before anything is read or written:
/// flags of the one-output-per-input commands, -o naming an input, an input that cannot be
/// opened (so that the outcome is the same with and without -o: nothing is written).
std::string usage_error(const concat_flags& f, const std::vector<input_file>& inputs) {
  if (f.out_dir_flag->count() > 0)
    return "vtt: concat writes one output from all its inputs: --out-dir does not apply (use -o FILE)";
  if (f.jobs_flag->count() > 0) return "vtt: concat reads its inputs one after another: -j/--jobs does not apply";
  if (auto same = output_is_input(f.output, inputs); !same.empty()) return same;
  for (const auto& in : inputs) {
    input_handle handle;
    std::string error;
    if (!in.is_stdin() && !handle.open(in, error))
      return fmt::format("vtt: {}: {} (nothing written)", vttkit::display_name(in.display()), error);
  }
  return {};
}

/// Reads --offset-from-durations; false after a message when it is not a list of times.
bool read_durations(concat_flags& f, std::size_t inputs, messages& msg) {
  if (f.durations.empty()) return true;
  std::size_t begin = 0;
  while (begin <= f.durations.size()) {
    auto end = f.durations.find(',', begin);
    if (end == std::string::npos) end = f.durations.size();
    const auto text = f.durations.substr(begin, end - begin);
    const auto ms = vttkit::parse_duration(text);
    if (!ms || *ms < 0) {
      msg.line(fmt::format("vtt: --offset-from-durations: not a time of 0 or more: '{}'", text));
      return false;
    }
    f.options.durations.push_back(*ms);
    begin = end + 1;
  }
  const auto n = f.options.durations.size();
  if (n + 1 != inputs && n != inputs) {
    msg.line(
        fmt::format("vtt: --offset-from-durations gives {} durations for {} inputs; give one per input "
                    "(the last may be left out)",
                    n, inputs));
    return false;
  }
  return true;
}

/// Reads one input into the concatenator; returns its exit code.
int read_input(const input_file& in, bool& begun, const vttkit::parse_options& base, vttkit::concatenator& cat,
               vttkit::writer& writer, messages& msg, bool strict) {
  const auto name = vttkit::display_name(in.display());
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", name, error));
    return exit_usage;
  }
  vttkit::mapped_file_source source{handle.fd()};
  auto options = base;
  options.name = in.path;
  vttkit::diagnostic_cap cap;
  options.on_diagnostic = [&msg, &cap, &in](const vttkit::diagnostic& d) {
    if (cap.admit(d)) msg.diagnostic(in.display(), d);
  };
  vttkit::reader reader{source, options};
  const bool signature = reader.read_header();
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  if (!signature) return exit_findings;
  if (!begun) writer.begin(reader.header());  // the first readable input's header
  begun = true;
  cat.begin_input(reader.header());
  while (reader.next() && writer.ok()) {
    if (reader.kind() == vttkit::item_kind::cue) cat.push(reader.cue());
    else cat.push(reader.block());
  }
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  return strict && reader.error_count() > 0 ? exit_findings : exit_ok;
}

/// The parse options of every input, as convert's.
vttkit::parse_options parse_options_of(const concat_flags& f) {
  vttkit::parse_options p;
  p.format = f.from;
  p.encoding = f.encoding;
  p.warnings = !f.quiet;
  p.rules = vttkit::rule_set{};
  for (const auto& r : vttkit::all_rules())
    if (r.severity == vttkit::severity::error) p.rules.add(r.rule);
  p.rules.add(vttkit::rule::override_tag);
  return p;
}

/// Joins the inputs in order into one output.
int run_concat(concat_flags f) {
  static messages msg;
  msg.quiet = f.quiet;
  msg.style.color = use_color(f.color, 2);
  bool bad_input_arg = false;
  const auto inputs = expand_inputs(f.inputs, false, subtitle_files, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  if (bad_input_arg || inputs.empty()) return exit_usage;
  if (const auto usage = usage_error(f, inputs); !usage.empty()) {
    msg.line(usage);
    return exit_usage;
  }
  if (!read_durations(f, inputs.size(), msg)) return exit_usage;
  f.options.gap = to_millis(f.gap);
  if (f.to_flag->count() == 0 && !f.output.empty() && f.output != "-")
    if (const auto* named = format_of_extension(f.output)) f.write.format = named->format;
  msg.stdin_hint(inputs, f.from == vttkit::input_format::srt ? "SubRip" : "WebVTT");
  const file_identities ids{inputs};
  output_file out;
  std::string error;
  const std::string path = f.output.empty() ? "-" : f.output;
  if (!out.open(path, ids, false, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(path), error));
    return exit_findings;
  }
  vttkit::writer writer{out.sink(), f.write};
  vttkit::cue timed;
  std::size_t current = 0;  // the input being read (the stage counts only those it was given)
  bool begun = false;
  vttkit::concatenator cat{
      f.options,
      [&](const vttkit::cue& c) {
        if (!vttkit::has_inline_timestamps(c.payload)) return writer.write(c);
        timed = c;  // word timings for json, as convert gives them
        vttkit::fill_words(timed);
        writer.write(timed);
      },
      [&](const vttkit::block& b) { writer.write(b); },
      [&](const vttkit::concat_note& n) {
        if (!f.quiet)
          msg.warning(fmt::format("vtt: warning: {}:{}: {}", vttkit::display_name(inputs[current].display()), n.line,
                                  n.message));
      }};
  int code = exit_ok;
  for (; current < inputs.size() && writer.ok(); ++current)
    code = std::max(code, read_input(inputs[current], begun, parse_options_of(f), cat, writer, msg, f.strict));
  if (!begun) return code;  // no input was read: nothing is written
  if (!writer.finish()) {
    if (out.broken_pipe()) return exit_output_closed;
    msg.line(fmt::format("vtt: {}: write failed: {}", path == "-" ? "standard output" : vttkit::display_name(path),
                         out.sink().error()));
    return exit_findings;
  }
  if (code != exit_usage && !out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(path), error));
    return exit_findings;
  }
  return code;
}

}  // namespace

command setup_concat(CLI::App& app) {
  auto f = std::make_shared<concat_flags>();
  auto* cmd = app.add_subcommand("concat", "Join files one after another, each moved past the one before");
  cmd->add_option("files", f->inputs, "Input files, in order ('-' or none: standard input)")->type_name("FILE");
  cmd->add_option("-o,--output", f->output,
                  "Write to FILE (atomically: a temporary file renamed into place; default: standard output)")
      ->type_name("FILE");
  cmd->add_flag("-q,--quiet", f->quiet, "No warnings, errors only");
  cmd->add_flag("--strict", f->strict, "A file with any error diagnostic fails (exit 1)");
  add_color_flag(*cmd, f->color);
  add_choice(*cmd, "--from", f->from, vttkit::input_formats(), &vttkit::input_format_info::format,
             "Input format (auto: from the WEBVTT signature, extension or content)")
      ->type_name("FORMAT");
  add_encoding_flag(*cmd, f->encoding);
  f->to_flag = add_choice(*cmd, "-t,--to", f->write.format, vttkit::output_formats(),
                          &vttkit::output_format_info::format,
                          "Output format (without it: from the -o FILE extension, else vtt)")
                   ->type_name("FORMAT");
  add_choice(*cmd, "--speaker-labels", f->write.labels, vttkit::speaker_labels_choices(),
             &vttkit::speaker_labels_info::labels,
             "Prefix 'Name: ' in srt and txt: none, change (each turn), every cue")
      ->type_name("WHEN");
  add_transcript_flags(*cmd, f->write);
  add_seconds_flag(*cmd, "--gap", f->gap, "SECONDS added between one file and the next");
  // Flags of the other writing commands, taken only to refuse them in words (not in the help).
  f->out_dir_flag = cmd->add_option("--out-dir", f->out_dir)->group("");
  f->jobs_flag = cmd->add_option("-j,--jobs", f->jobs)->group("");
  cmd->add_option("--offset-from-durations", f->durations,
                  "The length of each file, comma-separated (10:00,9:30.5): file k starts at the sum of the "
                  "lengths before it, not at the end of the last cue (default: none)")
      ->type_name("TIMES");
  cmd->footer(
      "Examples:\n"
      "  vtt concat talk.vtt subs/a.vtt -o both.vtt\n"
      "  vtt concat --gap 2 --to srt talk.vtt interview.srt\n"
      "  vtt concat --offset-from-durations 00:05:00 talk.vtt subs/a.vtt\n"
      "\n"
      "Exit codes: 0 success, 1 a file failed, 2 usage error or an input that cannot be read (nothing is "
      "written).");
  return {cmd, [f] { return run_concat(*f); }};
}

}  // namespace vtt
