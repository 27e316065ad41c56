// Lint: the rules of docs/lint-rules.md over the parser's diagnostics and the stream of cues.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>
#include <vttkit/source.hpp>
#include <vttkit/timestamp.hpp>

namespace vttkit {

/// Which optional rule families run besides the E and W rules.
enum class lint_profile {
  standard,    ///< E and W rules only
  subtitle,    ///< adds the S rules (subtitle style: line length, reading speed, durations, gaps)
  transcript,  ///< adds the T rules (speaker labels)
};

/// A profile's entry in the profile table (the program's `--profile` choices).
struct lint_profile_info {
  lint_profile profile;
  std::string_view name;  ///< "default", "subtitle", "transcript"
  std::string_view summary;
};
/// Every profile, the default first.
[[nodiscard]] std::span<const lint_profile_info> lint_profiles() noexcept;

/// "default" (or "standard"), "subtitle" or "transcript" to a profile.
[[nodiscard]] std::optional<lint_profile> parse_lint_profile(std::string_view name) noexcept;

/// The rules a profile runs: every E and W rule, plus S (subtitle) or T (transcript); the
/// transcript profile leaves out W110 header-metadata.
[[nodiscard]] rule_set profile_rules(lint_profile profile) noexcept;

/// The rules one selector names, case-insensitively: an id ("W103"), a name ("short-hours"),
/// or the start of ids ("W" for every warning of the W family, "S20"). Empty when it names none.
[[nodiscard]] std::optional<rule_set> rules_matching(std::string_view selector) noexcept;

/// Resolves `--select` / `--ignore` lists against a profile. Each entry may hold several
/// selectors separated by commas ("E,W102"). With any `select` entry, exactly the selected
/// rules run, whatever the profile; otherwise the profile's rules. `ignore` then removes rules
/// (it wins over `select`). On an unknown selector, returns false and names it in `error`.
[[nodiscard]] bool resolve_rules(lint_profile profile, std::span<const std::string> select,
                                 std::span<const std::string> ignore, rule_set& out, std::string& error);

/// What to check and the thresholds of the S rules (defaults from the Netflix Timed Text Style
/// Guide, as docs/lint-rules.md lists them). A maximum of 0 means no limit (the rule never
/// fires), as for every maximum in vttkit; a minimum of 0 is never undercut.
struct lint_options {
  rule_set rules = profile_rules(lint_profile::standard);
  std::size_t max_line_length = 42;    ///< S201: code points per line of text
  std::size_t max_lines = 2;           ///< S202: lines per cue
  double max_cps = 20.0;               ///< S203: code points per second, line breaks excluded
  millis min_duration = 833;           ///< S204
  millis max_duration = 7000;          ///< S205
  millis min_gap = 83;                 ///< S206: applies to gaps greater than zero
  std::size_t interjection_words = 3;  ///< T304: a one-cue turn of fewer words than this
  unsigned threads = 1;                ///< parsing threads (parse_options::threads); findings are the same
  std::string encoding;                ///< the input's encoding (parse_options::encoding)
};

/// Checks one file as it streams by. Feed it, in input order, the parser's diagnostics
/// (`add_diagnostic`, as `parse_options::on_diagnostic` with `warnings = true`) and the cues
/// (`add_cue`), then call `finish`. The findings of enabled rules reach `out` sorted by line,
/// then column, then rule; each is handed out as soon as nothing earlier can still turn up, so
/// memory stays small: the cue ids seen (numbered ids as ranges, so 1, 2, 3 ... cost one
/// entry), the distinct speaker labels, and, for T301 until the first speaker is seen, the
/// lines of the cues without one and the findings held back behind them (a file without any
/// speaker holds its findings to the end under the transcript profile).
///
///     vttkit::linter lint{options, [](const vttkit::diagnostic& d) { show(d); }};
///     vttkit::parse_options po;
///     po.format = vttkit::input_format::vtt;
///     po.on_diagnostic = [&](const vttkit::diagnostic& d) { lint.add_diagnostic(d); };
///     vttkit::reader r{source, po};
///     while (r.next()) if (r.kind() == vttkit::item_kind::cue) lint.add_cue(r.cue());
///     lint.finish();
class linter {
 public:
  linter(lint_options options, diagnostic_sink out);
  linter(const linter&) = delete;
  linter& operator=(const linter&) = delete;
  linter(linter&&) noexcept;
  linter& operator=(linter&&) noexcept;
  ~linter();

  /// A diagnostic of the parser (a rule with rule_info::from_parser); kept when its rule is enabled.
  void add_diagnostic(const diagnostic& d);
  /// The next cue of the file.
  void add_cue(const cue& c);
  /// The end of the file: settles T301 and hands out everything still held.
  void finish();

  /// Findings handed out so far, by severity.
  [[nodiscard]] std::size_t error_count() const noexcept;
  [[nodiscard]] std::size_t warning_count() const noexcept;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

/// What linting a whole input gave besides its findings.
struct lint_summary {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::string read_error;   ///< non-empty when the source could not be read (findings are partial)
  input_encoding encoding;  ///< the encoding the input was read in (a guess is worth a warning)
};

/// Reads WebVTT from `source` (lint never guesses another format) and hands each finding to
/// `out`, in order.
lint_summary lint(byte_source& source, const lint_options& options, const diagnostic_sink& out);

/// Lints WebVTT held in memory; returns the findings in order.
[[nodiscard]] std::vector<diagnostic> lint(std::string_view bytes, const lint_options& options = {});

}  // namespace vttkit
