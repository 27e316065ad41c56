// vtt convert, merge, stitch and speakers: read, transform (vttkit::pipeline), write.
#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/parse.hpp>
#include <vttkit/pipeline.hpp>
#include <vttkit/timeline.hpp>
#include <vttkit/report.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "choices.hpp"
#include "cli_io.hpp"
#include "commands.hpp"
#include "config.hpp"
#include "encoding.hpp"
#include "flags.hpp"
#include "ordered_output.hpp"

namespace vtt {

/// The first format of the table whose extension `path` has (case ignored); none when unknown.
const vttkit::output_format_info* format_of_extension(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext.size() < 2) return nullptr;
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& f : vttkit::output_formats())
    if (f.extension == std::string_view(ext).substr(1)) return &f;
  return nullptr;
}

namespace {

/// What `vtt speakers` prints instead of the cues.
enum class speakers_report { none, table, json, timeline };

/// `vtt speakers --suspicious`: the suspicious speaker changes instead of the statistics.
struct suspicious_report {
  std::vector<vttkit::speaker_joint> found;
  vttkit::speaker_joints joints{
      {}, [this](const vttkit::speaker_joint& j, std::vector<vttkit::cue>&) { found.push_back(j); }};
};

/// The flags of the reading-and-writing commands, bound to the library's options where one
/// holds them, so that the defaults shown in help are the library's.
struct convert_options {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  bool recursive = false;
  unsigned jobs = 0;
  bool quiet = false;
  bool strict = false;
  vttkit::input_format from = vttkit::input_format::automatic;
  std::string encoding;  ///< --encoding; empty: UTF-8, by byte order mark, or Windows-1252 guessed
  vttkit::write_options write;
  vttkit::pipeline_options pipe;
  std::vector<std::string> maps;  ///< "OLD=NEW", parsed into `pipe.speakers` before any input is read
  std::string map_file;
  std::vector<std::string> speaker_names;  ///< "A,B", parsed into `pipe.prefixes`
  std::string prefix_pattern;
  // In seconds on the command line; --max-chars and --max-duration serve merge and stitch alike.
  double max_gap = to_seconds(pipe.merging.max_gap);
  double max_duration = to_seconds(pipe.merging.max_duration);
  speakers_report report = speakers_report::none;
  bool suspicious = false;  ///< with a report: the suspicious speaker changes
  when color = when::automatic;
  std::string_view verb = "converted";   ///< in the summary of a batch: what was done to a file
  const CLI::Option* to_flag = nullptr;  ///< -t,--to: whether it was given
  // Flags that only act with another one or with some formats: whether they were given.
  const CLI::Option* labels_flag = nullptr;
  std::array<CLI::Option*, 2> transcript_flags{};  ///< --paragraph-gap, --drop-sounds
  const CLI::Option* audio_flag = nullptr;
  const CLI::Option* max_gap_flag = nullptr;
  std::vector<const CLI::Option*> limit_flags;  ///< --max-chars, --max-duration
  bool config_chars = false;                    ///< the configuration file gave max-chars
  bool config_duration = false;                 ///< and max-duration
  config_choice config;                         ///< --config, --no-config
  std::vector<std::string> config_labels;       ///< speakers.map labels: a project's map, not warned about
};

void add_io_flags(CLI::App& cmd, convert_options& o) {
  cmd.add_option("files", o.inputs, "Input files, or folders with -r ('-' or none: standard input)")->type_name("FILE");
  auto* output = cmd.add_option("-o,--output", o.output,
                                "Write to FILE (atomically: a temporary file renamed into place); one input only "
                                "(default: standard output)")
                     ->type_name("FILE");
  cmd.add_option("--out-dir", o.out_dir, "Write DIR/<name>.<ext> for each input (default: none; not with -o)")
      ->type_name("DIR")
      ->excludes(output);
  cmd.add_flag("-r,--recursive", o.recursive, "Read the .vtt and .srt files under directory arguments");
  add_jobs_flag(cmd, o.jobs, "Workers: files converted at once, the rest parse one file (0: all cores; at most 1024)");
  cmd.add_flag("-q,--quiet", o.quiet, "No progress bar and no warnings, errors only");
  cmd.add_flag("--strict", o.strict, "A file with any error diagnostic fails (exit 1)");
  add_color_flag(cmd, o.color);
  add_choice(cmd, "--from", o.from, vttkit::input_formats(), &vttkit::input_format_info::format,
             "Input format (auto: from the WEBVTT signature, extension or content)")
      ->type_name("FORMAT");
  add_encoding_flag(cmd, o.encoding);
  add_config_flags(cmd, o.config);
  add_choice(cmd, "--rollup", o.pipe.rollup, vttkit::rollup_modes(), &vttkit::rollup_mode_info::mode,
             "Roll-up captions (YouTube automatic captions) rebuilt with each line once: auto (when the first "
             "cues repeat lines), on, off")
      ->type_name("WHEN");
}

void add_output_flags(CLI::App& cmd, convert_options& o) {
  o.to_flag = add_choice(cmd, "-t,--to", o.write.format, vttkit::output_formats(), &vttkit::output_format_info::format,
                         "Output format (without it: from the -o FILE extension, else vtt)")
                  ->type_name("FORMAT");
  o.labels_flag = add_choice(cmd, "--speaker-labels", o.write.labels, vttkit::speaker_labels_choices(),
                             &vttkit::speaker_labels_info::labels,
                             "Prefix 'Name: ' in srt and txt: none, change (each turn), every cue")
                      ->type_name("WHEN");
  o.transcript_flags = add_transcript_flags(cmd, o.write);
  o.audio_flag = cmd.add_option("--audio", o.write.audio,
                                "html: the recording's address; adds a player, and each time seeks it (default: none)")
                     ->type_name("URL");
}

void add_speaker_flags(CLI::App& cmd, convert_options& o) {
  cmd.add_option("--map", o.maps,
                 "Rename a speaker: \"OLD=NEW\" (repeatable; case and spacing of OLD ignored; default: none)")
      ->type_name("OLD=NEW")
      ->allow_extra_args(false);
  cmd.add_option("--map-file", o.map_file, "Read OLD=NEW lines from FILE ('#' starts a comment; default: none)")
      ->type_name("FILE");
  cmd.add_flag("--speakers-from-prefix", o.pipe.speakers_from_prefix,
               "Take speakers from 'Name: ' prefixes in cues without a <v> voice (Zoom, broadcast, court, "
               "Whisper)");
  cmd.add_option("--speaker-names", o.speaker_names,
                 "Names to take as 'Name: ' prefixes from their first use: \"A,B\" (repeatable; implies "
                 "--speakers-from-prefix; default: none)")
      ->allow_extra_args(false)
      ->type_name("NAMES");
  cmd.add_option("--prefix-pattern", o.prefix_pattern,
                 "Also take a prefix matching REGEX at the start of cue text; its first group names the speaker "
                 "(implies --speakers-from-prefix; default: none)")
      ->type_name("REGEX");
}

void add_repair_flag(CLI::App& cmd, convert_options& o) {
  cmd.add_flag("--repair-speakers", o.pipe.repair_speakers,
               "Unsafe, moves text between speakers: give a sentence split between speakers to the one who "
               "started it, and short interjections back (lint T303, T304); each change is a warning");
}

void add_max_gap_flag(CLI::App& cmd, convert_options& o, const char* help) {
  o.max_gap_flag = add_seconds_flag(cmd, "--max-gap", o.max_gap, help);
}

void add_limit_flags(CLI::App& cmd, convert_options& o, const char* chars_help, const char* duration_help) {
  o.limit_flags = {add_count_flag(cmd, "--max-chars", o.pipe.merging.max_chars, chars_help),
                   add_seconds_flag(cmd, "--max-duration", o.max_duration, duration_help)};
}

bool given(const CLI::Option* flag) { return flag && flag->count() > 0; }

/// A warning for each flag given that does nothing in this run (convert's --max-gap without
/// --merge, --speaker-labels for a format without labels): a flag that silently does nothing
/// reads as a flag that worked.
void warn_idle_flags(const convert_options& opt, messages& msg) {
  if (opt.quiet) return;
  const bool merging = opt.pipe.merge, stitching = opt.pipe.stitch;
  if (given(opt.max_gap_flag) && !merging) msg.line("vtt: warning: --max-gap does nothing without --merge");
  for (const auto* flag : opt.limit_flags) {
    if (given(flag) && !merging && !stitching)
      msg.line(fmt::format("vtt: warning: {} does nothing without --merge or --stitch", flag->get_name()));
  }
  const auto format = opt.write.format;
  if (given(opt.audio_flag) && format != vttkit::output_format::html)
    msg.line(
        fmt::format("vtt: warning: --audio does nothing for --to {} (it acts on html)", vttkit::to_string(format)));
  if (given(opt.labels_flag) && !vttkit::writes_speaker_labels(format))
    msg.line(fmt::format("vtt: warning: --speaker-labels does nothing for --to {} (it acts on srt and txt)",
                         vttkit::to_string(format)));
  const bool transcript = format == vttkit::output_format::md || format == vttkit::output_format::txt ||
                          format == vttkit::output_format::html;
  for (const auto* flag : opt.transcript_flags) {
    if (given(flag) && !transcript)
      msg.line(fmt::format("vtt: warning: {} does nothing for --to {} (it acts on md, txt and html)", flag->get_name(),
                           vttkit::to_string(format)));
  }
}

/// Everything a run needs, checked once before any file is read.
struct run_plan {
  convert_options opt;
  vttkit::parse_options parse;
  output_plan outputs;
  ordered_output* ordered = nullptr;  ///< several inputs to standard output: shared, in input order
};

/// Reads --speaker-names and --prefix-pattern into `pipe.prefixes`; either turns prefixes on.
bool load_prefix_rules(convert_options& opt, messages& msg) {
  for (const auto& names : opt.speaker_names) {
    if (!opt.pipe.prefixes.add_names(names)) {
      msg.line(fmt::format("vtt: --speaker-names \"{}\": expected names separated by commas", names));
      return false;
    }
  }
  std::string error;
  if (!opt.prefix_pattern.empty() && !opt.pipe.prefixes.set_pattern(opt.prefix_pattern, error)) {
    msg.line(fmt::format("vtt: --prefix-pattern \"{}\": {}", opt.prefix_pattern, error));
    return false;
  }
  if (!opt.pipe.prefixes.empty()) opt.pipe.speakers_from_prefix = true;
  return true;
}

/// Reads the --map entries and the --map-file into `pipe.speakers`, once for every input.
bool load_speaker_map(convert_options& opt, messages& msg) {
  if (!load_prefix_rules(opt, msg)) return false;
  auto& map = opt.pipe.speakers;
  for (const auto& entry : opt.maps) {
    if (!map.add_entry(entry)) {
      msg.line(fmt::format("vtt: --map \"{}\": expected OLD=NEW", entry));
      return false;
    }
  }
  if (opt.map_file.empty()) return true;
  // A speaker map is a few lines: one larger than this is not one (/dev/zero would never end).
  constexpr std::size_t most = std::size_t{1} << 20;
  std::string text, error;
  if (!read_small_file(opt.map_file, most, "a speaker map", text, error)) {
    msg.line(fmt::format("vtt: --map-file {}: {}", vttkit::display_name(opt.map_file), error));
    return false;
  }
  std::size_t bad_line = 0;
  if (!map.load(text, bad_line)) {  // its entries come after --map's: a label in both gets the file's name
    msg.line(fmt::format("vtt: {}:{}: expected OLD=NEW", vttkit::display_name(opt.map_file), bad_line));
    return false;
  }
  return true;
}

/// What a pipeline leaves to say once an input is done.
struct pipeline_notes {
  std::vector<std::string> unused_labels;   ///< --map labels no cue matched
  std::size_t prefixed = 0;                 ///< cues starting with a name while prefixes are off
  std::string example;                      ///< the first of those names
  std::size_t rollup_removed = 0;           ///< lines removed as roll-up repeats
  std::size_t dropped = 0;                  ///< cues moved to end at or before 0 (shift, scale)
  std::size_t dropped_line = 0;             ///< the line of the first of them
  std::string empty_cut;                    ///< `cut` kept no cue: the range and the input's span
  std::vector<vttkit::diagnostic> repairs;  ///< --repair-speakers: each change made
};

/// Reads the cues of `reader` through a pipeline into `out`: written, or counted for the report.
bool transform_into(vttkit::reader& reader, const run_plan& plan, vttkit::byte_sink& out, progress_line& progress,
                    pipeline_notes& notes) {
  const auto report = plan.opt.report;
  vttkit::writer writer{out, plan.opt.write};
  vttkit::speaker_counter counter;
  suspicious_report suspicious;
  if (report == speakers_report::none) writer.begin(reader.header());
  vttkit::timeline timeline;
  auto handler = report == speakers_report::none ? vttkit::cue_handler([&](const vttkit::cue& c) { writer.write(c); })
                 : report == speakers_report::timeline
                     ? vttkit::cue_handler([&](const vttkit::cue& c) { timeline.push(c); })
                 : plan.opt.suspicious ? vttkit::cue_handler([&](const vttkit::cue& c) { suspicious.joints.push(c); })
                                       : vttkit::cue_handler([&](const vttkit::cue& c) { counter.push(c); });
  vttkit::pipeline pipe{plan.opt.pipe, std::move(handler)};
  pipe.on_repair([&](const vttkit::diagnostic& d) { notes.repairs.push_back(d); });
  while (reader.next()) {
    progress.update(reader.bytes_read());
    if (reader.kind() == vttkit::item_kind::cue) pipe.push(reader.cue());
    else if (report == speakers_report::none) writer.write(reader.block());
    if (!writer.ok()) break;
  }
  pipe.finish();
  notes.unused_labels = pipe.unused_labels();
  if (const auto* census = pipe.census(); census != nullptr) {
    notes.prefixed = census->named_cues();
    notes.example = census->example();
  }
  notes.rollup_removed = pipe.rollup_removed();
  if (const auto* retimed = pipe.retimed(); retimed != nullptr) {
    notes.dropped = retimed->dropped();
    notes.dropped_line = retimed->first_dropped_line();
    const auto& range = retimed->options();
    if (range.ranged && retimed->kept() == 0 && retimed->outside() > 0)
      notes.empty_cut = fmt::format(
          "no cue overlaps the range {} to {} (the cues run from {} to {}): the output has none",
          vttkit::format_timestamp(range.range_start),
          range.range_end == std::numeric_limits<vttkit::millis>::max() ? std::string("the end")
                                                                        : vttkit::format_timestamp(range.range_end),
          vttkit::format_timestamp(retimed->earliest()), vttkit::format_timestamp(retimed->latest()));
  }
  if (report == speakers_report::none) return writer.finish();
  if (report == speakers_report::timeline)
    return out.write(timeline.svg({.width = 1600, .title = reader.header().title.value_or(std::string())}));
  if (plan.opt.suspicious) {
    suspicious.joints.finish();
    return out.write(report == speakers_report::json ? vttkit::suspicious_json(suspicious.found)
                                                     : vttkit::suspicious_table(suspicious.found));
  }
  const auto rows = counter.result();
  return out.write(report == speakers_report::json ? vttkit::speakers_json(rows) : vttkit::speakers_table(rows));
}

/// What an input's run leaves to say, after its output is written.
void say_notes(const std::string& name, const input_file& in, const vttkit::reader& reader, const pipeline_notes& notes,
               const std::vector<std::string>& config_labels, messages& msg) {
  for (const auto& d : notes.repairs) msg.diagnostic(in.display(), d);
  if (notes.rollup_removed > 0)
    msg.line(fmt::format("vtt: {}: roll-up captions, repeated lines removed (--rollup off keeps them)", name));
  if (const auto guess = guess_warning(in.display(), reader.encoding()); !guess.empty()) msg.warning(guess);
  for (const auto& label : notes.unused_labels) {
    if (std::find(config_labels.begin(), config_labels.end(), label) != config_labels.end())
      continue;  // a project's map names speakers of other files too
    msg.warning(fmt::format("vtt: warning: {}: no speaker \"{}\" in the input (--map)", name, label));
  }
  if (notes.prefixed != 0)
    msg.line(
        fmt::format("vtt: note: {}: no <v> voices, but {} start{} with a speaker's name (\"{}\"); "
                    "--speakers-from-prefix takes them as speakers",
                    name, notes.prefixed == 1 ? "1 cue" : fmt::format("{} cues", notes.prefixed),
                    notes.prefixed == 1 ? "s" : "", vttkit::display_name(notes.example)));
  if (!notes.empty_cut.empty()) msg.warning(fmt::format("vtt: warning: {}: {}", name, notes.empty_cut));
  if (notes.dropped != 0)
    msg.warning(fmt::format("vtt: warning: {}:{}: {} dropped: {} at or before 00:00:00.000 once moved", name,
                            notes.dropped_line, notes.dropped == 1 ? "1 cue" : fmt::format("{} cues", notes.dropped),
                            notes.dropped == 1 ? "it ends" : "they end"));
}

/// Converts one input read by `reader`.
int convert_with(vttkit::reader& reader, const run_plan& plan, const input_file& in, std::size_t index,
                 const file_identities& ids, progress_line& progress, messages& msg) {
  const auto name = vttkit::display_name(in.display());  // for messages: control bytes escaped
  std::string error;
  const bool signature = reader.read_header();
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  if (!signature) return exit_findings;

  output_file out;
  const auto out_path = plan.outputs.path_for(in);
  // Only once the input was read: an unreadable one creates nothing.
  if (!plan.outputs.make_folder(out_path, error)) {
    msg.line(fmt::format("vtt: {}: {}", name, error));
    return exit_findings;
  }
  if (!plan.ordered && !out.open(out_path, ids, false, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(out_path), error));
    return exit_findings;
  }
  std::optional<ordered_sink> shared;
  if (plan.ordered) shared.emplace(*plan.ordered, index);
  vttkit::byte_sink& sink = shared ? static_cast<vttkit::byte_sink&>(*shared) : out.sink();
  pipeline_notes notes;
  if (!transform_into(reader, plan, sink, progress, notes)) {
    if (plan.ordered ? plan.ordered->broken_pipe() : out.broken_pipe() && out_path == "-")
      return exit_output_closed;  // `vtt convert big.vtt | head`: stop quietly (-o FIFO: an error)
    msg.line(fmt::format("vtt: {}: write failed: {}",
                         out_path == "-" ? "standard output" : vttkit::display_name(out_path), sink.error()));
    return exit_findings;
  }
  if (!reader.read_error().empty()) {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return exit_usage;
  }
  if (!out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(out_path), error));
    return exit_findings;
  }
  if (!plan.opt.quiet) say_notes(name, in, reader, notes, plan.opt.config_labels, msg);
  return plan.opt.strict && reader.error_count() > 0 ? exit_findings : exit_ok;
}

/// Opens one input and converts it; returns its exit code.
int run_one(const run_plan& plan, const std::vector<input_file>& inputs, const file_identities& ids, std::size_t index,
            bool single, messages& msg) {
  constexpr std::size_t large_input = std::size_t{8} << 20;
  const auto& in = inputs[index];
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", vttkit::display_name(in.display()), error));
    return exit_usage;
  }
  vttkit::mapped_file_source source{handle.fd()};  // read in place when it is a regular file
  auto parse_opt = plan.parse;
  parse_opt.threads = threads_per_input(plan.opt.jobs, inputs.size());
  parse_opt.name = in.path;
  vttkit::diagnostic_cap cap;  // so many of one rule per file, then a count
  parse_opt.on_diagnostic = [&msg, &cap, name = in.display()](const vttkit::diagnostic& d) {
    if (cap.admit(d)) msg.diagnostic(name, d);
  };
  // One large file: a progress line on a terminal (a batch has its own bar).
  const bool show = single && !plan.opt.quiet && handle.size() >= large_input && ::isatty(2);
  progress_line progress{handle.size(), show ? &msg : nullptr};
  vttkit::reader reader{source, parse_opt};
  const int code = convert_with(reader, plan, in, index, ids, progress, msg);
  bytes_processed += reader.bytes_read();
  std::string omitted;
  cap.append_omitted(omitted, vttkit::report_format::text, in.display());
  if (!omitted.empty()) {
    omitted.pop_back();
    msg.line(omitted);
  }
  return code;
}

/// -o FILE without --to: the format its extension names. With --to: a warning when a known
/// extension names another format.
void format_from_output(convert_options& opt, messages& msg) {
  if (opt.output.empty() || opt.output == "-" || opt.report != speakers_report::none) return;
  const auto* named = format_of_extension(opt.output);
  if (!named) return;
  if (!opt.to_flag || opt.to_flag->count() == 0) {
    opt.write.format = named->format;
    return;
  }
  const auto& chosen = vttkit::output_formats();
  const auto it = std::find_if(chosen.begin(), chosen.end(),
                               [&](const auto& f) { return f.format == opt.write.format; });
  if (it != chosen.end() && it->extension != named->extension && !opt.quiet)
    msg.warning(fmt::format("vtt: warning: -o {}: the extension is that of {}, but --to {} is written", opt.output,
                            named->name, it->name));
}

/// The plan of a run from the flags; false (after a message) on a bad --map or --map-file.
bool make_plan(const convert_options& opt, run_plan& plan, messages& msg) {
  plan.opt = opt;
  format_from_output(plan.opt, msg);
  warn_idle_flags(plan.opt, msg);
  auto& pipe = plan.opt.pipe;
  pipe.merging.max_gap = to_millis(opt.max_gap);
  pipe.merging.max_duration = to_millis(opt.max_duration);
  // A cap the user gave holds for cues without a speaker too; else those get reading-sized ones.
  const auto limit_given = [&opt](std::size_t i) { return i < opt.limit_flags.size() && given(opt.limit_flags[i]); };
  if (limit_given(0) || opt.config_chars) pipe.merging.unvoiced_max_chars = pipe.merging.max_chars;
  if (limit_given(1) || opt.config_duration) pipe.merging.unvoiced_max_duration = pipe.merging.max_duration;
  pipe.stitching.max_chars = pipe.merging.max_chars;
  pipe.stitching.max_duration = pipe.merging.max_duration;
  pipe.stitching.unvoiced_max_chars = pipe.merging.unvoiced_max_chars;
  pipe.stitching.unvoiced_max_duration = pipe.merging.unvoiced_max_duration;
  // Speakers matter to merge, stitch and the report: say so when the names are in the text.
  pipe.census = !pipe.speakers_from_prefix && (pipe.merge || pipe.stitch || opt.report != speakers_report::none);
  plan.parse.format = opt.from;
  plan.parse.encoding = opt.encoding;
  // Warnings are vtt lint's job, but lint reads WebVTT: what only SubRip input has is said here.
  plan.parse.warnings = !opt.quiet;
  plan.parse.rules = vttkit::rule_set{};
  for (const auto& r : vttkit::all_rules())
    if (r.severity == vttkit::severity::error) plan.parse.rules.add(r.rule);
  plan.parse.rules.add(vttkit::rule::override_tag);
  plan.outputs.output = opt.output;
  plan.outputs.out_dir = opt.out_dir;
  plan.outputs.extension = opt.report == speakers_report::timeline ? ".svg"
                           : opt.report == speakers_report::json   ? ".json"
                           : opt.report == speakers_report::table
                               ? ".txt"
                               : "." + std::string(vttkit::file_extension(plan.opt.write.format));
  return load_speaker_map(plan.opt, msg);
}

/// How the outputs of several inputs share standard output: JSON documents make one array;
/// WebVTT and SubRip documents, which cannot be joined into one, get an empty line between
/// them (so that no cue runs into the next header) and a warning that names the ways to join.
ordered_output::joining stream_joining(const convert_options& opt, std::size_t inputs, messages& msg) {
  using enum ordered_output::joining;
  if (opt.report != speakers_report::none) return opt.report == speakers_report::json ? json_array : concatenate;
  const auto format = opt.write.format;
  if (format == vttkit::output_format::json || format == vttkit::output_format::podcast_json) return json_array;
  if (format != vttkit::output_format::vtt && format != vttkit::output_format::srt) return concatenate;
  if (!opt.quiet)
    msg.warning(
        fmt::format("vtt: warning: {} {} documents one after another on standard output, an empty line "
                    "between them ('vtt concat' joins files into one; --out-dir writes one file each)",
                    inputs, format == vttkit::output_format::vtt ? "WebVTT" : "SubRip"));
  return blank_line;
}

/// Calls `ordered_output::done` however an input's run ends.
struct done_guard {
  ordered_output* out;
  std::size_t index;
  ~done_guard() {
    if (out) out->done(index);
  }
};

/// Takes the speaker map and the merge or stitch limits of the configuration file `path`
/// (docs/config.md; empty: none) where no flag gives them. False when the file is bad.
bool apply_config(convert_options& opt, const std::string& path, messages& msg) {
  config cfg;
  std::string error;
  if (!path.empty() && !load_config(path, cfg, error)) {
    msg.line(error);
    return false;
  }
  if (const auto* map = cfg.find("speakers.map")) {
    for (const auto& [old_label, new_name] : map->table) {
      opt.pipe.speakers.add(old_label, new_name);
      opt.config_labels.push_back(old_label);
    }
  }
  const bool merging = opt.pipe.merge;
  if (!merging && !opt.pipe.stitch) return true;
  const std::string section = merging ? "merge." : "stitch.";
  const auto* gap = cfg.find(section + "max-gap");
  if (gap != nullptr && !given(opt.max_gap_flag)) opt.max_gap = gap->number;
  const auto* chars = cfg.find(section + "max-chars");
  if (chars != nullptr && !given(opt.limit_flags[0])) {
    opt.pipe.merging.max_chars = static_cast<std::size_t>(chars->number);
    opt.config_chars = true;
  }
  const auto* duration = cfg.find(section + "max-duration");
  if (duration != nullptr && !given(opt.limit_flags[1])) {
    opt.max_duration = duration->number;
    opt.config_duration = true;
  }
  return true;
}

/// The plan of each input: its configuration file's settings under the flags, one plan per
/// file (a folder's inputs share the file found for the first of them). False after a message.
bool plan_inputs(const convert_options& opt, const std::vector<input_file>& inputs,
                 std::map<std::string, run_plan>& plans, std::vector<run_plan*>& plan_of, messages& msg) {
  messages silent;  // the flags' warnings are said for the first plan only
  silent.quiet = true;
  std::map<std::string, std::string, std::less<>> config_of_folder;
  for (const auto& in : inputs) {
    const auto folder = in.is_stdin() ? std::string() : std::filesystem::path(in.path).parent_path().string();
    auto known = config_of_folder.find(folder);
    if (known == config_of_folder.end())
      known = config_of_folder.emplace(folder, config_path(opt.config, in.path)).first;
    auto it = plans.find(known->second);
    if (it == plans.end()) {
      auto with_file = opt;
      if (!apply_config(with_file, known->second, msg)) return false;
      auto& m = plans.empty() ? msg : silent;
      it = plans.emplace(known->second, run_plan{}).first;
      if (!make_plan(with_file, it->second, m)) return false;
    }
    plan_of.push_back(&it->second);
  }
  return true;
}

/// Checks the flags, expands the inputs and runs every file.
int run(const convert_options& opt) {
  static messages msg;
  msg.quiet = opt.quiet;
  msg.style.color = use_color(opt.color, 2);
  bool bad_input_arg = false;
  const auto inputs = expand_inputs(opt.inputs, opt.recursive, subtitle_files, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  if (inputs.empty()) {  // -r over folders without a .vtt or .srt file
    if (!bad_input_arg) msg.line("vtt: no input files found");
    return exit_usage;
  }
  if (!opt.output.empty() && inputs.size() > 1) {
    msg.line("vtt: -o takes one input; use --out-dir DIR for several");
    return exit_usage;
  }
  if (const auto same = output_is_input(opt.output, inputs); !same.empty()) {
    msg.line(same);
    return exit_usage;
  }
  std::map<std::string, run_plan> plans;
  std::vector<run_plan*> plan_of;
  if (!plan_inputs(opt, inputs, plans, plan_of, msg)) return exit_usage;
  auto& plan = *plan_of.front();  // what every plan shares: the flags'
  msg.stdin_hint(inputs, opt.from == vttkit::input_format::srt ? "SubRip" : "WebVTT");
  // Two inputs that would write the same output: the second is an error.
  const auto clash = plan.outputs.clashes(inputs);
  for (auto& [path, p] : plans) p.outputs = plan.outputs;  // the output names clashes() chose
  const file_identities ids{inputs};
  const bool several = inputs.size() > 1;
  const bool progress = !opt.quiet && several && ::isatty(2);
  std::optional<ordered_output> shared;
  if (several && opt.output.empty() && opt.out_dir.empty()) {
    shared.emplace(inputs.size(), stream_joining(plan.opt, inputs.size(), msg));
    for (auto& [path, p] : plans) p.ordered = &*shared;
  }
  std::atomic<std::size_t> failed{0};
  int code = run_jobs(inputs.size(), opt.jobs, progress ? &msg : nullptr, [&](std::size_t i) {
    const done_guard guard{plan.ordered, i};
    if (clash[i]) {
      msg.line(fmt::format("vtt: {}: another input already writes {}", vttkit::display_name(inputs[i].display()),
                           vttkit::display_name(plan.outputs.path_for(inputs[i]))));
      ++failed;
      return int{exit_findings};
    }
    const int one = run_one(*plan_of[i], inputs, ids, i, !several, msg);
    if (one != exit_ok && one != exit_output_closed) ++failed;
    return one;
  });
  if (shared && !shared->finish() && code != exit_output_closed) {
    if (shared->broken_pipe()) return exit_output_closed;
    msg.line(fmt::format("vtt: standard output: write failed: {}", shared->error()));
    code = std::max(code, int{exit_findings});
  }
  if (code == exit_output_closed) return code;
  if (bad_input_arg) code = std::max(code, int{exit_usage});
  // The summary: on a terminal, or when there is something to count beyond success (a
  // successful batch in a script or CI log says nothing, as a single file does).
  const bool worth_saying = failed.load() > 0 || msg.errors() > 0 || msg.warnings() > 0 || ::isatty(2);
  if (several && !opt.quiet && worth_saying) {
    msg.line(vttkit::batch_summary({.verb = opt.verb,
                                    .done = inputs.size() - failed.load(),
                                    .failed = failed.load(),
                                    .errors = msg.errors(),
                                    .warnings = msg.warnings()},
                                   msg.style));
  }
  return code;
}

/// The end of each command's help, after its examples.
constexpr const char* exit_codes_help = "Exit codes: 0 success, 1 a file failed, 2 usage error or unreadable input.";

/// A subcommand with the flags every reading-and-writing command has.
CLI::App* add_command(CLI::App& app, const char* name, const char* summary, convert_options& o, bool writes_cues) {
  auto* cmd = app.add_subcommand(name, summary);
  add_io_flags(*cmd, o);
  if (writes_cues) add_output_flags(*cmd, o);
  add_speaker_flags(*cmd, o);
  return cmd;
}

}  // namespace

command setup_convert(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = add_command(app, "convert", "Read, transform and write in another format (default: vtt)", *opt, true);
  cmd->add_flag("--merge", opt->pipe.merge, "Join fragments of the same speaker into turns (see 'vtt merge')");
  cmd->add_flag("--stitch", opt->pipe.stitch, "Re-cut each turn into one cue per sentence (see 'vtt stitch')");
  add_repair_flag(*cmd, *opt);
  add_max_gap_flag(*cmd, *opt, "With --merge: join cues at most SECONDS apart");
  add_limit_flags(*cmd, *opt, "With --merge / --stitch: at most N characters per cue (0: no limit)",
                  "With --merge / --stitch: at most SECONDS per cue (0: no limit)");
  cmd->footer(std::string("Examples:\n"
                          "  vtt convert --to srt talk.vtt -o talk.srt\n"
                          "  vtt convert --map \"Speaker 1=Ann Lee\" --stitch --to md talk.vtt > talk.md\n"
                          "  vtt convert -r --to srt --out-dir out/ transcripts/\n"
                          "\n") +
              exit_codes_help);
  return {cmd, [opt] { return run(*opt); }};
}

command setup_merge(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = add_command(app, "merge", "Join consecutive cues of the same speaker into turns", *opt, true);
  add_max_gap_flag(*cmd, *opt, "Join cues at most SECONDS apart (1.5, 1.5s, 1500ms, 00:01.500)");
  add_repair_flag(*cmd, *opt);
  add_limit_flags(*cmd, *opt, "Start a new cue before the text exceeds N characters (0: no limit)",
                  "Start a new cue before it lasts longer than SECONDS (0: no limit)");
  cmd->footer(std::string("Examples:\n"
                          "  vtt merge talk.vtt -o turns.vtt\n"
                          "  vtt merge --max-gap 1.5s --max-chars 200 --to txt talk.vtt\n"
                          "\n") +
              exit_codes_help);
  opt->pipe.merge = true;
  return {cmd, [opt] { return run(*opt); }};
}

command setup_stitch(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = add_command(app, "stitch", "Re-cut each speaker turn into one cue per sentence", *opt, true);
  add_repair_flag(*cmd, *opt);
  add_limit_flags(*cmd, *opt, "Split sentences longer than N characters, at clauses, then words (0: no limit)",
                  "Split sentences longer than SECONDS (0: no limit)");
  cmd->footer(std::string("Examples:\n"
                          "  vtt stitch talk.vtt -o sentences.vtt\n"
                          "  vtt stitch --max-chars 80 --max-duration 6 --to srt talk.vtt\n"
                          "  vtt merge talk.vtt | vtt stitch --to txt\n"
                          "\n") +
              exit_codes_help);
  opt->pipe.stitch = true;
  return {cmd, [opt] { return run(*opt); }};
}

command setup_speakers(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto* cmd = add_command(app, "speakers", "Per-speaker table: cues, turns, words, talk time, share", *opt, false);
  opt->verb = "read";
  auto json = std::make_shared<bool>(false);
  auto timeline = std::make_shared<std::string>();
  cmd->add_flag("--json", *json, "Print {\"speakers\": [...]} instead of a table");
  cmd->add_option("--timeline", *timeline,
                  "Draw who talks when as an SVG picture into FILE ('-': standard output) instead of the table "
                  "(default: none)")
      ->type_name("FILE");
  cmd->add_flag("--suspicious", opt->suspicious,
                "List the speaker changes inside a sentence (lint rules T303, T304) instead of the statistics");
  cmd->footer(std::string("Examples:\n"
                          "  vtt speakers talk.vtt\n"
                          "  vtt speakers --speakers-from-prefix --json interview.srt\n"
                          "  vtt speakers --suspicious talk.vtt\n"
                          "  vtt speakers --timeline talk.svg talk.vtt\n"
                          "\n") +
              exit_codes_help);
  cmd->callback([opt, json, timeline] {
    if (!timeline->empty() && (!opt->output.empty() || !opt->out_dir.empty() || *json || opt->suspicious))
      throw CLI::ValidationError("--timeline writes its own FILE: not with -o, --out-dir, --json or --suspicious");
  });
  return {cmd, [opt, json, timeline] {
            opt->report = *json ? speakers_report::json : speakers_report::table;
            if (!timeline->empty()) {
              opt->report = speakers_report::timeline;
              opt->output = *timeline;
            }
            return run(*opt);
          }};
}

}  // namespace vtt

namespace vtt {
namespace {

/// A reading-and-writing command whose first argument, set up by `first`, comes before the files.
CLI::App* add_timing_command(CLI::App& app, const char* name, const char* summary, convert_options& o,
                             const std::function<void(CLI::App&)>& first) {
  auto* cmd = app.add_subcommand(name, summary);
  if (first) first(*cmd);
  // Retiming changes times, not text: roll-up captions keep their repeated lines unless asked.
  o.pipe.rollup = vttkit::rollup_mode::off;
  add_io_flags(*cmd, o);
  add_output_flags(*cmd, o);
  add_speaker_flags(*cmd, o);
  return cmd;
}

/// A signed time value on the command line (`2.5`, `-1.2`, `1500ms`, `-00:00:02.500`).
vttkit::millis signed_time(const std::string& name, const std::string& text) {
  const auto ms = vttkit::parse_duration(text);
  if (!ms)
    throw CLI::ValidationError(
        fmt::format("{}: not a time: '{}' (write 2.5, -1.2, 1500ms or -00:00:02.500)", name, text));
  return *ms;
}

/// `--fps A:B`: the factor A/B; nothing when either is not a number greater than 0.
std::optional<double> fps_factor(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  double from = 0, to = 0;
  std::size_t used = 0;
  try {
    from = std::stod(text.substr(0, colon), &used);
    if (used != colon) return std::nullopt;
    to = std::stod(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!(from > 0 && to > 0 && from < 1e6 && to < 1e6)) return std::nullopt;
  return from / to;
}

/// One `--sync OLD=NEW` point, in milliseconds.
std::pair<vttkit::millis, vttkit::millis> sync_point(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos)
    throw CLI::ValidationError(fmt::format("--sync \"{}\": expected OLD=NEW, two times", text));
  return {signed_time("--sync", text.substr(0, eq)), signed_time("--sync", text.substr(eq + 1))};
}

/// The options of `vtt scale` before they are turned into a mapping.
struct scale_flags {
  double factor = 0;
  std::string fps;
  std::vector<std::string> sync;
};

/// The mapping `vtt scale` asks for: --fps or --sync, then --factor; a usage error when the
/// flags do not make one.
void scale_mapping(const scale_flags& f, vttkit::retime_options& out) {
  if (!f.fps.empty() && !f.sync.empty()) throw CLI::ValidationError("vtt scale takes --fps or --sync, not both");
  if (f.factor <= 0 && f.fps.empty() && f.sync.empty())
    throw CLI::ValidationError("vtt scale needs --factor, --fps or two --sync");
  if (!f.fps.empty()) {
    const auto factor = fps_factor(f.fps);
    if (!factor)
      throw CLI::ValidationError(fmt::format("--fps \"{}\": expected A:B, two frame rates (23.976:25)", f.fps));
    out.factor = *factor;
  } else if (!f.sync.empty()) {
    if (f.sync.size() != 2)
      throw CLI::ValidationError(fmt::format("--sync must be given exactly twice (two points OLD=NEW), not {} time{}",
                                             f.sync.size(), f.sync.size() == 1 ? "" : "s"));
    const auto [a, a2] = sync_point(f.sync[0]);
    const auto [b, b2] = sync_point(f.sync[1]);
    if (a == b) throw CLI::ValidationError("--sync: the two points need different OLD times");
    out.factor = static_cast<double>(b2 - a2) / static_cast<double>(b - a);
    if (!(out.factor > 0)) throw CLI::ValidationError("--sync: the later OLD time must map to the later NEW time");
    out.offset = static_cast<double>(a2) - out.factor * static_cast<double>(a);
  }
  if (f.factor > 0) {  // after the others: t' = factor * (a*t + b)
    out.factor *= f.factor;
    out.offset *= f.factor;
  }
}

}  // namespace

command setup_shift(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto offset = std::make_shared<vttkit::millis>(0);
  auto since = std::make_shared<double>(0.0);
  auto* cmd = add_timing_command(app, "shift", "Move every time by a signed offset (cue times and inline timestamps)",
                                 *opt, [&](CLI::App& c) {
                                   c.add_option(
                                        "offset",
                                        [offset](const CLI::results_t& r) {
                                          *offset = signed_time("OFFSET", r.back());
                                          return true;
                                        },
                                        "Time to add, signed: 2.5, -1.2, 1500ms, -00:00:02.500")
                                       ->required()
                                       ->type_name("OFFSET");
                                 });
  add_seconds_flag(*cmd, "--since", *since, "Move only the cues that start at or after SECONDS (00:10:00.000)");
  opt->verb = "shifted";
  cmd->footer(std::string("Examples:\n"
                          "  vtt shift 2.5 talk.vtt -o later.vtt\n"
                          "  vtt shift -00:00:01.200 --since 00:00:10 talk.vtt\n"
                          "  vtt shift -1.5 --to srt interview.srt\n"
                          "\n") +
              exit_codes_help);
  return {cmd, [opt, offset, since] {
            opt->pipe.retime = vttkit::retime_options{.offset = static_cast<double>(*offset),
                                                      .from = to_millis(*since)};
            return run(*opt);
          }};
}

command setup_scale(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto flags = std::make_shared<scale_flags>();
  auto* cmd = add_timing_command(app, "scale", "Map every time linearly: by a factor, frame rates or two sync points",
                                 *opt, nullptr);
  add_number_flag(*cmd, "--factor", flags->factor, "factor",
                  "Multiply every time by NUMBER, after --fps or --sync (0: not given)");
  cmd->add_option("--fps", flags->fps,
                  "Timed for frame rate A, played at B: every time times A/B (23.976:25; default: none)")
      ->type_name("A:B");
  cmd->add_option("--sync", flags->sync,
                  "A point OLD=NEW (00:01:00=00:01:02.300); twice: the line through both (default: none)")
      ->type_name("OLD=NEW")
      ->allow_extra_args(false);
  opt->verb = "scaled";
  cmd->footer(std::string("Examples:\n"
                          "  vtt scale --fps 23.976:25 talk.vtt -o pal.vtt\n"
                          "  vtt scale --sync 00:00:01=00:00:01.500 --sync 00:00:30=00:00:31 talk.vtt\n"
                          "  vtt scale --factor 1.001 --to srt interview.srt\n"
                          "\n") +
              exit_codes_help);
  cmd->callback([opt, flags] {
    vttkit::retime_options mapping;
    scale_mapping(*flags, mapping);
    opt->pipe.retime = mapping;
  });
  return {cmd, [opt] { return run(*opt); }};
}

command setup_cut(CLI::App& app) {
  auto opt = std::make_shared<convert_options>();
  auto range = std::make_shared<std::pair<double, double>>(0.0, 0.0);
  auto keep = std::make_shared<bool>(false);
  auto* cmd = add_timing_command(app, "cut", "Keep the cues within a time range, trimmed to it and moved to 0", *opt,
                                 nullptr);
  add_seconds_flag(*cmd, "--start", range->first, "Start of the range (00:01:00, 60, 60s)");
  add_seconds_flag(*cmd, "--end", range->second, "End of the range, not included (0: the end of the input)");
  cmd->add_flag("--keep-times", *keep, "Keep the times as they are instead of starting the range at 0");
  opt->verb = "cut";
  cmd->footer(std::string("Examples:\n"
                          "  vtt cut --start 00:00:10 --end 00:00:30 talk.vtt -o clip.vtt\n"
                          "  vtt cut --start 20 --keep-times --to srt interview.srt\n"
                          "\n") +
              exit_codes_help);
  cmd->callback([opt, range, keep] {
    const auto start = to_millis(range->first);
    const auto end = range->second > 0 ? to_millis(range->second) : std::numeric_limits<vttkit::millis>::max();
    if (end <= start) throw CLI::ValidationError("--end must be later than --start");
    opt->pipe.retime = vttkit::retime_options{
        .offset = *keep ? 0.0 : -static_cast<double>(start), .ranged = true, .range_start = start, .range_end = end};
  });
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
