// vtt convert, merge, stitch and speakers: read, transform, write.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "cli_io.hpp"
#include "commands.hpp"

namespace vtt {
namespace {

/// Flags shared by the reading-and-writing commands.
struct convert_options {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  bool strict = false;
  std::string from = "auto";
  std::string to = "vtt";
  std::string labels = "change";
  // speaker transforms
  std::vector<std::string> maps;
  std::string map_file;
  bool from_prefix = false;
  // merge / stitch
  bool merge = false;
  bool stitch = false;
  double max_gap = 2.0;
  std::size_t max_chars = 0;
  double max_duration = 0;
  // speakers
  bool speakers_table = false;
  bool speakers_json = false;
};

void add_io_flags(CLI::App& cmd, convert_options& o) {
  cmd.add_option("files", o.inputs, "Input files ('-' or none: standard input)");
  cmd.add_option("-o,--output", o.output, "Write to FILE (atomically: a temporary file renamed into place)");
  cmd.add_option("--out-dir", o.out_dir, "Write DIR/<name>.<ext> for each input");
  cmd.add_flag("-r,--recursive", o.recursive, "Read the .vtt and .srt files under directory arguments");
  cmd.add_option("-j,--jobs", o.jobs, "Workers: files converted at once, the rest parse one file (default: all cores)");
  cmd.add_flag("-q,--quiet", o.quiet, "No progress bar and no warnings, errors only");
  cmd.add_flag("--strict", o.strict, "A file with any error diagnostic fails (exit 1)");
  cmd.add_option("--from", o.from, "Input format (default: from the WEBVTT signature, extension or content)")
      ->check(CLI::IsMember({"auto", "vtt", "srt"}));
}

void add_output_flags(CLI::App& cmd, convert_options& o) {
  cmd.add_option("-t,--to", o.to, "Output format")
      ->check(CLI::IsMember({"vtt", "srt", "json", "jsonl", "md", "txt", "podcast-json"}));
  cmd.add_option("--speaker-labels", o.labels, "Prefix 'Name: ' in srt and txt: none, change (each turn), every cue")
      ->check(CLI::IsMember({"none", "change", "every"}));
}

void add_speaker_flags(CLI::App& cmd, convert_options& o) {
  cmd.add_option("--map", o.maps, "Rename a speaker: \"OLD=NEW\" (repeatable; case and spacing of OLD ignored)")
      ->allow_extra_args(false);
  cmd.add_option("--map-file", o.map_file, "Read OLD=NEW lines from FILE ('#' starts a comment)");
  cmd.add_flag("--speakers-from-prefix", o.from_prefix,
               "Take speakers from 'NAME: ' and '>> NAME: ' at the start of cue text");
}

void add_merge_flags(CLI::App& cmd, convert_options& o, bool as_option_of_convert) {
  cmd.add_option("--max-gap", o.max_gap, "Merge: join cues at most S seconds apart (default 2.0)")
      ->check(CLI::NonNegativeNumber);
  if (!as_option_of_convert) {
    cmd.add_option("--max-chars", o.max_chars, "Start a new cue before the text exceeds N characters");
    cmd.add_option("--max-duration", o.max_duration, "Start a new cue before it lasts longer than S seconds")
        ->check(CLI::NonNegativeNumber);
  }
}

/// Everything a run needs, checked once before any file is read.
struct run_plan {
  convert_options opt;
  vttkit::parse_options parse;
  vttkit::write_options write;
  std::vector<std::string> map_entries;  // "OLD=NEW"
  std::string map_file_text;
  output_plan outputs;
};

/// A file's cue pipeline: prefix -> map -> merge -> stitch -> sink.
class pipeline {
 public:
  pipeline(const run_plan& plan, vttkit::cue_handler sink) : sink_(std::move(sink)) {
    const auto& o = plan.opt;
    for (const auto& e : plan.map_entries) map_.add_entry(e);
    if (!plan.map_file_text.empty()) {
      std::size_t bad = 0;
      map_.load(plan.map_file_text, bad);
    }
    vttkit::cue_handler next = sink_;
    if (o.stitch) {
      stitcher_ = std::make_unique<vttkit::stitcher>(
          vttkit::stitch_options{o.max_chars, to_millis(o.max_duration)}, next);
      next = [this](const vttkit::cue& c) { stitcher_->push(c); };
    }
    if (o.merge) {
      merger_ = std::make_unique<vttkit::merger>(
          vttkit::merge_options{to_millis(o.max_gap), o.max_chars, to_millis(o.max_duration)}, next);
      next = [this](const vttkit::cue& c) { merger_->push(c); };
    }
    head_ = std::move(next);
    use_prefix_ = o.from_prefix;
  }

  void push(vttkit::cue& c) {
    if (use_prefix_) prefix_.apply(c);
    if (!map_.empty()) map_.apply(c);
    head_(c);
  }
  void finish() {
    if (merger_) merger_->finish();
    if (stitcher_) stitcher_->finish();
  }
  [[nodiscard]] std::vector<std::string> unused_labels() const { return map_.unused_labels(); }

 private:
  vttkit::cue_handler sink_;
  vttkit::cue_handler head_;
  vttkit::speaker_map map_;
  vttkit::prefix_speakers prefix_;
  bool use_prefix_ = false;
  std::unique_ptr<vttkit::merger> merger_;
  std::unique_ptr<vttkit::stitcher> stitcher_;
};

std::string speakers_report(const std::vector<vttkit::speaker_stats>& rows, bool json) {
  vttkit::millis total = 0;
  for (const auto& r : rows) total += r.talk_time;
  auto share = [&](const vttkit::speaker_stats& r) {
    return total > 0 ? 100.0 * static_cast<double>(r.talk_time) / static_cast<double>(total) : 0.0;
  };
  std::string out;
  if (json) {
    out += "{\"speakers\": [";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      out += i ? ",\n  " : "\n  ";
      out += "{\"speaker\": ";
      if (r.speaker.empty()) out += "null";
      else append_json_string(out, r.speaker);
      out += fmt::format(", \"cues\": {}, \"turns\": {}, \"words\": {}, \"talk_time\": {:.3f}, \"share\": {:.2f}}}",
                         r.cues, r.turns, r.words, static_cast<double>(r.talk_time) / 1000.0, share(r));
    }
    out += rows.empty() ? "]}\n" : "\n]}\n";
    return out;
  }
  std::size_t width = 7;
  for (const auto& r : rows) width = std::max(width, r.speaker.empty() ? 6 : r.speaker.size());
  out += fmt::format("{:<{}}  {:>6}  {:>6}  {:>7}  {:>10}  {:>6}\n", "speaker", width, "cues", "turns", "words",
                     "talk time", "share");
  for (const auto& r : rows) {
    const auto t = r.talk_time / 1000;
    out += fmt::format("{:<{}}  {:>6}  {:>6}  {:>7}  {:>10}  {:>5.1f}%\n", r.speaker.empty() ? "(none)" : r.speaker,
                       width, r.cues, r.turns, r.words, fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60),
                       share(r));
  }
  return out;
}

/// Converts one input read by `reader`.
int convert_with(vttkit::reader& reader, const run_plan& plan, const input_file& in, const file_identities& ids,
                 std::size_t handle_size, bool show_progress, messages& msg) {
  const auto name = in.display();
  std::string error;
  const bool signature = reader.read_header();
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  if (!signature) return exit_findings;

  output_file out;
  const auto out_path = plan.outputs.path_for(in);
  if (!out.open(out_path, ids, false, error)) {
    msg.line(fmt::format("vtt: {}: {}", out_path, error));
    return exit_findings;
  }
  const bool stats = plan.opt.speakers_table || plan.opt.speakers_json;
  vttkit::writer writer{out.sink(), plan.write};
  vttkit::speaker_counter counter;
  if (!stats) writer.begin(reader.header());
  pipeline pipe{plan, stats ? vttkit::cue_handler([&](const vttkit::cue& c) { counter.push(c); })
                            : vttkit::cue_handler([&](const vttkit::cue& c) { writer.write(c); })};
  progress_line progress{handle_size, show_progress};
  while (reader.next()) {
    progress.update(reader.bytes_read());
    if (reader.kind() == vttkit::item_kind::cue) pipe.push(reader.cue());
    else if (!stats) writer.write(reader.block());
    if (!writer.ok()) break;
  }
  pipe.finish();
  if (stats) {
    const auto report = speakers_report(counter.result(), plan.opt.speakers_json);
    out.sink().write(report);
  }
  const bool written = stats ? out.sink().error().empty() : writer.finish();
  if (!written) {
    if (out.broken_pipe()) std::_Exit(exit_ok);  // `vtt convert big.vtt | head`: stop quietly
    msg.line(fmt::format("vtt: {}: write failed: {}", out_path == "-" ? "standard output" : out_path,
                         out.sink().error()));
    return exit_findings;
  }
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  if (!out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", out_path, error));
    return exit_findings;
  }
  if (!plan.opt.quiet) {
    for (const auto& label : pipe.unused_labels())
      msg.line(fmt::format("vtt: warning: {}: no speaker \"{}\" in the input (--map)", name, label));
  }
  return plan.opt.strict && reader.error_count() > 0 ? exit_findings : exit_ok;
}

/// Opens one input and converts it; returns its exit code.
int run_one(const run_plan& plan, const std::vector<input_file>& inputs, const file_identities& ids,
            std::size_t index, bool single, messages& msg) {
  constexpr std::size_t large_input = std::size_t{8} << 20;
  const auto& in = inputs[index];
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", in.display(), error));
    return exit_usage;
  }
  vttkit::mapped_file_source source{handle.fd()};  // read in place when it is a regular file
  auto parse_opt = plan.parse;
  parse_opt.threads = threads_per_input(plan.opt.jobs, inputs.size());
  parse_opt.name = in.path;
  parse_opt.on_diagnostic = [&msg, name = in.display()](const vttkit::diagnostic& d) { msg.diagnostic(name, d); };
  // One large file: a progress line on a terminal (a batch has its own bar).
  const bool progress = single && !plan.opt.quiet && handle.size() >= large_input && ::isatty(2);
  vttkit::reader reader{source, parse_opt};
  const int code = convert_with(reader, plan, in, ids, handle.size(), progress, msg);
  bytes_processed += reader.bytes_read();
  return code;
}

/// Checks the flags, expands the inputs and runs every file.
int run(const convert_options& opt) {
  static messages msg;
  msg.quiet = opt.quiet;
  run_plan plan;
  plan.opt = opt;
  plan.parse.format = opt.from == "vtt" ? vttkit::input_format::vtt
                      : opt.from == "srt" ? vttkit::input_format::srt
                                          : vttkit::input_format::automatic;
  plan.parse.warnings = false;  // warnings are vtt lint's job
  plan.write.format = *vttkit::parse_output_format(opt.to);
  plan.write.labels = opt.labels == "none"    ? vttkit::speaker_labels::none
                      : opt.labels == "every" ? vttkit::speaker_labels::every
                                              : vttkit::speaker_labels::change;
  for (const auto& entry : opt.maps) {
    vttkit::speaker_map probe;
    if (!probe.add_entry(entry)) {
      msg.line(fmt::format("vtt: --map \"{}\": expected OLD=NEW", entry));
      return exit_usage;
    }
    plan.map_entries.push_back(entry);
  }
  if (!opt.map_file.empty()) {
    input_handle h;
    std::string error;
    if (!h.open({opt.map_file, opt.map_file}, error)) {
      msg.line(fmt::format("vtt: --map-file {}: {}", opt.map_file, error));
      return exit_usage;
    }
    char buf[65536];
    for (ssize_t n; (n = ::read(h.fd(), buf, sizeof buf)) > 0;) plan.map_file_text.append(buf, static_cast<std::size_t>(n));
    vttkit::speaker_map probe;
    std::size_t bad_line = 0;
    if (!probe.load(plan.map_file_text, bad_line)) {
      msg.line(fmt::format("vtt: {}:{}: expected OLD=NEW", opt.map_file, bad_line));
      return exit_usage;
    }
  }
  bool bad_input_arg = false;
  auto inputs = expand_inputs(opt.inputs, opt.recursive, subtitle_files, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  if (!opt.output.empty() && inputs.size() > 1) {
    msg.line("vtt: -o takes one input; use --out-dir DIR for several");
    return exit_usage;
  }
  plan.outputs.output = opt.output;
  plan.outputs.out_dir = opt.out_dir;
  plan.outputs.extension = opt.speakers_json ? ".json"
                           : opt.speakers_table ? ".txt"
                                                : "." + std::string(vttkit::file_extension(plan.write.format));
  // Two inputs that would write the same output: the second is an error.
  std::vector<bool> clash(inputs.size(), false);
  if (!opt.out_dir.empty()) {
    std::vector<std::pair<std::string, std::size_t>> seen;
    for (std::size_t i = 0; i < inputs.size(); ++i) seen.emplace_back(plan.outputs.path_for(inputs[i]), i);
    std::sort(seen.begin(), seen.end());
    for (std::size_t i = 1; i < seen.size(); ++i)
      if (seen[i].first == seen[i - 1].first) clash[seen[i].second] = true;
    std::error_code ec;
    std::filesystem::create_directories(opt.out_dir, ec);
  }
  const file_identities ids{inputs};
  const bool several = inputs.size() > 1;
  const bool progress = !opt.quiet && several && ::isatty(2);
  int code = run_jobs(inputs.size(), opt.jobs, progress, [&](std::size_t i) {
    if (clash[i]) {
      msg.line(fmt::format("vtt: {}: another input already writes {}", inputs[i].display(),
                           plan.outputs.path_for(inputs[i])));
      return int{exit_findings};
    }
    if (!opt.out_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(plan.outputs.path_for(inputs[i])).parent_path(), ec);
    }
    return run_one(plan, inputs, ids, i, !several, msg);
  });
  if (bad_input_arg) code = std::max(code, int{exit_usage});
  if (several && code != exit_ok && !opt.quiet) msg.line(fmt::format("vtt: {} input(s); some failed", inputs.size()));
  return code;
}

}  // namespace

void setup_convert(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = app.add_subcommand("convert", "Read, transform and write in another format (default: vtt)");
  add_io_flags(*cmd, *opt);
  add_output_flags(*cmd, *opt);
  add_speaker_flags(*cmd, *opt);
  cmd->add_flag("--merge", opt->merge, "Join fragments of the same speaker into turns (see 'vtt merge')");
  cmd->add_flag("--stitch", opt->stitch, "Re-cut each turn into one cue per sentence (see 'vtt stitch')");
  add_merge_flags(*cmd, *opt, true);
  cmd->add_option("--max-chars", opt->max_chars, "With --merge / --stitch: at most N characters per cue");
  cmd->add_option("--max-duration", opt->max_duration, "With --merge / --stitch: at most S seconds per cue")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([opt] { command_result() = run(*opt); });
}

void setup_merge(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = app.add_subcommand("merge", "Join consecutive cues of the same speaker into turns");
  add_io_flags(*cmd, *opt);
  add_output_flags(*cmd, *opt);
  add_speaker_flags(*cmd, *opt);
  add_merge_flags(*cmd, *opt, false);
  cmd->callback([opt] {
    opt->merge = true;
    command_result() = run(*opt);
  });
}

void setup_stitch(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = app.add_subcommand("stitch", "Re-cut each speaker turn into one cue per sentence");
  add_io_flags(*cmd, *opt);
  add_output_flags(*cmd, *opt);
  add_speaker_flags(*cmd, *opt);
  cmd->add_option("--max-chars", opt->max_chars, "Split sentences longer than N characters (at clauses, then words)");
  cmd->add_option("--max-duration", opt->max_duration, "Split sentences longer than S seconds")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([opt] {
    opt->stitch = true;
    command_result() = run(*opt);
  });
}

void setup_speakers(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = app.add_subcommand("speakers", "Per-speaker table: cues, turns, words, talk time, share");
  add_io_flags(*cmd, *opt);
  add_speaker_flags(*cmd, *opt);
  cmd->add_flag("--json", opt->speakers_json, "Print {\"speakers\": [...]} instead of a table");
  cmd->callback([opt] {
    opt->speakers_table = !opt->speakers_json;
    command_result() = run(*opt);
  });
}

}  // namespace vtt
