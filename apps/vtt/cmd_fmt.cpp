// vtt fmt: rewrite WebVTT in canonical form; --check lists files that would change, --in-place rewrites them.
#include <algorithm>
#include <cctype>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

#include "cli_io.hpp"
#include "commands.hpp"

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
};

/// Compares two byte streams that arrive in pieces of any size: the input as the parser reads
/// it and the canonical output as the writer produces it. Only the part one side is ahead by
/// is kept (about the reader's and the writer's buffers), so files of any size compare in
/// bounded memory.
class stream_compare {
 public:
  enum side : int { input = 0, output = 1 };

  void feed(side from, std::string_view bytes) {
    if (differs_ || bytes.empty()) return;
    if (ahead_.size() == offset_ || ahead_side_ == from) {
      if (ahead_.size() == offset_) {
        ahead_.clear();
        offset_ = 0;
      }
      ahead_side_ = from;
      ahead_.append(bytes);
      return;
    }
    const std::string_view waiting = std::string_view{ahead_}.substr(offset_);
    const auto n = std::min(waiting.size(), bytes.size());
    if (waiting.substr(0, n) != bytes.substr(0, n)) {
      differs_ = true;
      std::string().swap(ahead_);
      return;
    }
    offset_ += n;
    bytes.remove_prefix(n);
    if (offset_ > ahead_.size() / 2) {  // drop what was matched, now and then
      ahead_.erase(0, offset_);
      offset_ = 0;
    }
    if (!bytes.empty()) {  // the other side is used up: this one is ahead now
      ahead_.assign(bytes);
      offset_ = 0;
      ahead_side_ = from;
    }
  }

  /// After both streams ended: were they the same bytes?
  [[nodiscard]] bool same() const noexcept { return !differs_ && ahead_.size() == offset_; }

 private:
  std::string ahead_;
  std::size_t offset_ = 0;
  side ahead_side_ = input;
  bool differs_ = false;
};

/// A byte source that shows what it reads to a comparer.
class compared_source final : public vttkit::byte_source {
 public:
  compared_source(vttkit::byte_source& in, stream_compare& cmp) : in_(in), cmp_(cmp) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {
    const auto n = in_.read(data, size);
    if (n > 0) cmp_.feed(stream_compare::input, {data, static_cast<std::size_t>(n)});
    if (n < 0) error_ = in_.error();
    return n;
  }

 private:
  vttkit::byte_source& in_;
  stream_compare& cmp_;
};

/// A byte sink that shows what is written to a comparer and passes it on (when there is a
/// next sink).
class compared_sink final : public vttkit::byte_sink {
 public:
  compared_sink(vttkit::byte_sink* next, stream_compare& cmp) : next_(next), cmp_(cmp) {}
  bool write(std::string_view bytes) override {
    cmp_.feed(stream_compare::output, bytes);
    if (next_ && !next_->write(bytes)) {
      error_ = next_->error();
      return false;
    }
    return true;
  }

 private:
  vttkit::byte_sink* next_;
  stream_compare& cmp_;
};

/// The first diagnostic that means formatting would lose content: no signature (E001, the
/// whole file) or a timing line that does not parse (E002, that cue).
struct content_loss {
  bool lost = false;
  vttkit::rule rule{};
  std::size_t line = 0;

  void see(const vttkit::diagnostic& d) {
    if (!lost && (d.rule == vttkit::rule::missing_signature || d.rule == vttkit::rule::invalid_timestamp)) {
      lost = true;
      rule = d.rule;
      line = d.line;
    }
  }
  [[nodiscard]] std::string describe() const {
    return fmt::format("{} at line {}", vttkit::info(rule).id, line);
  }
};


/// Where `--in-place` writes: through a symbolic link to the file it names, so the link stays
/// a link (a rename over the link itself would replace it with a plain file).
std::string in_place_target(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec)) return path;
  auto target = std::filesystem::canonical(path, ec);
  return ec ? path : target.string();
}

/// What happened to one file.
enum class outcome { unchanged, changed, refused, failed, unreadable, output_closed };

/// Formats one input and tells whether its canonical form differs from it.
outcome fmt_one(const fmt_cli_options& opt, const output_plan& plan, const input_file& in,
                const file_identities& inputs, messages& msg) {
  const auto name = in.display();
  input_handle handle;
  std::string error;
  if (!handle.open(in, error)) {
    msg.line(fmt::format("vtt: {}: {}", name, error));
    return outcome::unreadable;
  }
  vttkit::fd_source file{handle.fd()};
  stream_compare cmp;
  compared_source source{file, cmp};
  content_loss loss;
  vttkit::parse_options po;
  po.format = vttkit::input_format::vtt;  // fmt writes WebVTT and reads only WebVTT
  po.warnings = false;                    // warnings are vtt lint's job
  po.on_diagnostic = [&](const vttkit::diagnostic& d) {
    loss.see(d);
    msg.diagnostic(name, d);  // errors only (warnings are off), shown as convert shows them
  };
  vttkit::reader reader{source, std::move(po)};
  const bool signature = reader.read_header();
  auto read_failed = [&] {
    msg.line(fmt::format("vtt: {}: {}", name, reader.read_error()));
    return outcome::unreadable;
  };
  if (!reader.read_error().empty()) return read_failed();
  auto refuse = [&](std::string_view consequence) {
    msg.line(fmt::format("vtt: {}: formatting would lose content ({}): {} (use --force to accept)", name,
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
    msg.line(fmt::format("vtt: {}: {}", out_path, error));
    return outcome::failed;
  }
  compared_sink sink{writes ? &out.sink() : nullptr, cmp};
  vttkit::writer writer{sink, {}};
  writer.begin(reader.header());
  while (reader.next()) {
    if (reader.kind() == vttkit::item_kind::cue) writer.write(reader.cue());
    else writer.write(reader.block());
    if (!writer.ok()) break;
  }
  if (!writer.finish()) {
    if (out.broken_pipe()) return outcome::output_closed;  // `vtt fmt big.vtt | head`: stop quietly
    msg.line(fmt::format("vtt: {}: write failed: {}", out_path == "-" ? "standard output" : out_path,
                         sink.error()));
    return outcome::failed;
  }
  if (!reader.read_error().empty()) return read_failed();
  if (loss.lost && !opt.force) {
    // A file output is dropped (never committed); standard output already has the rest.
    return refuse(opt.check      ? "not checked"
                  : opt.in_place ? "the file is left as it was"
                  : out_path == "-" ? "the output lacks it"
                                    : out_path + " not written");
  }
  const bool same = cmp.same();
  // In place, an unchanged file is not rewritten: its time stamp and links stay as they are.
  if (writes && !(opt.in_place && same) && !out.commit(error)) {
    msg.line(fmt::format("vtt: {}: {}", out_path, error));
    return outcome::failed;
  }
  return same ? outcome::unchanged : outcome::changed;
}

int run(const fmt_cli_options& opt) {
  static messages msg;
  msg.quiet = opt.quiet;
  bool bad_input_arg = false;
  const auto inputs = expand_inputs(opt.inputs, opt.recursive, webvtt_only, [&](const std::string& e) {
    msg.line("vtt: " + e);
    bad_input_arg = true;
  });
  if (opt.in_place && std::any_of(inputs.begin(), inputs.end(), [](const input_file& in) { return in.is_stdin(); })) {
    msg.line("vtt fmt: --in-place needs file arguments, not standard input");
    return exit_usage;
  }
  if (!opt.output.empty() && inputs.size() > 1) {
    msg.line("vtt fmt: -o takes one input; use --out-dir DIR, --in-place or --check for several");
    return exit_usage;
  }
  if (!opt.check && !opt.in_place && opt.out_dir.empty() && opt.output.empty() && inputs.size() > 1) {
    // Several WebVTT files one after the other are not one WebVTT file.
    msg.line("vtt fmt: several inputs need --in-place, --check or --out-dir DIR");
    return exit_usage;
  }
  output_plan plan;
  plan.output = opt.output;
  plan.out_dir = opt.out_dir;
  plan.extension = ".vtt";
  std::vector<bool> clash(inputs.size(), false);
  if (!opt.out_dir.empty()) {
    std::vector<std::pair<std::string, std::size_t>> seen;
    for (std::size_t i = 0; i < inputs.size(); ++i) seen.emplace_back(plan.path_for(inputs[i]), i);
    std::sort(seen.begin(), seen.end());
    for (std::size_t i = 1; i < seen.size(); ++i)
      if (seen[i].first == seen[i - 1].first) clash[seen[i].second] = true;
  }

  // Outputs other than the inputs themselves must not be one of them (found once per run).
  const file_identities ids = opt.check || opt.in_place ? file_identities{} : file_identities{inputs};
  std::vector<outcome> results(inputs.size(), outcome::unchanged);
  const bool progress = !opt.quiet && inputs.size() > 1 && ::isatty(2) && (opt.check ? !::isatty(1) : true);
  const int jobs_code = run_jobs(inputs.size(), opt.jobs, progress, [&](std::size_t i) {
    if (clash[i]) {
      msg.line(fmt::format("vtt: {}: another input already writes {}", inputs[i].display(), plan.path_for(inputs[i])));
      results[i] = outcome::failed;
      return int{exit_findings};
    }
    if (!opt.out_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(std::filesystem::path(plan.path_for(inputs[i])).parent_path(), ec);
    }
    results[i] = fmt_one(opt, plan, inputs[i], ids, msg);
    return results[i] == outcome::output_closed ? int{exit_output_closed} : int{exit_ok};
  });
  if (jobs_code == exit_output_closed) return exit_output_closed;

  int code = bad_input_arg ? exit_usage : exit_ok;
  std::size_t changed = 0, refused = 0, failed = 0;
  std::string listing;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    switch (results[i]) {
      case outcome::unchanged: break;
      case outcome::changed:
        ++changed;
        if (opt.check) {
          listing += inputs[i].display();
          listing += '\n';
          code = std::max(code, int{exit_findings});
        }
        break;
      case outcome::refused: ++refused; code = std::max(code, int{exit_findings}); break;
      case outcome::failed: ++failed; code = std::max(code, int{exit_findings}); break;
      case outcome::unreadable: ++failed; code = std::max(code, int{exit_usage}); break;
      case outcome::output_closed: break;  // returned above
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
    std::string line = opt.check ? fmt::format("{} of {} file{} would be reformatted", changed, inputs.size(),
                                               inputs.size() == 1 ? "" : "s")
                                 : fmt::format("{} of {} file{} reformatted", changed, inputs.size(),
                                               inputs.size() == 1 ? "" : "s");
    if (refused) line += fmt::format(", {} refused", refused);
    if (failed) line += fmt::format(", {} failed", failed);
    if (opt.check && changed) line += " (run 'vtt fmt --in-place' to rewrite them)";
    msg.line(line);
  }
  return code;
}

}  // namespace

command setup_fmt(CLI::App& app) {
  auto opt = std::make_shared<fmt_cli_options>();
  auto* cmd = app.add_subcommand("fmt", "Rewrite WebVTT in canonical form (two-digit hours, LF, one blank line "
                                        "between blocks; cue text kept byte for byte)");
  cmd->add_option("files", opt->inputs, "WebVTT files ('-' or none: standard input)");
  auto* check =
      cmd->add_flag("--check", opt->check, "Write nothing; list the files that would change and exit 1 if any");
  auto* in_place = cmd->add_flag("-i,--in-place", opt->in_place,
                                 "Rewrite the files (atomically: a temporary file renamed into place)");
  auto* output = cmd->add_option("-o,--output", opt->output, "Write to FILE (atomically)");
  auto* out_dir = cmd->add_option("--out-dir", opt->out_dir, "Write DIR/<name>.vtt for each input");
  check->excludes(in_place)->excludes(output)->excludes(out_dir);
  in_place->excludes(output)->excludes(out_dir);
  cmd->add_flag("--force", opt->force,
                "Format even files whose errors lose content (E001 no signature, E002 bad timing line)");
  cmd->add_flag("-r,--recursive", opt->recursive, "Format the .vtt files under directory arguments");
  cmd->add_option("-j,--jobs", opt->jobs, "Files formatted at once (default: all cores)");
  cmd->add_flag("-q,--quiet", opt->quiet, "No summary line and no progress bar (errors are still shown)");
  cmd->footer("Exit codes: 0 done (with --check: nothing would change), 1 a file would change, was refused or "
              "failed, 2 usage error or unreadable input.");
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
