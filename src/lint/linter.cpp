// The linter (see lint.hpp): runs the enabled rules on each cue as the file streams by, and
// hands the findings, the parser's and its own, out in order.
#include <vttkit/lint.hpp>

#include <algorithm>
#include <utility>

#include <vttkit/parse.hpp>

#include "lint/rules.hpp"

namespace vttkit {

struct linter::impl {
  impl(lint_options o, diagnostic_sink sink) : state(std::move(o), std::move(sink)) {
    const auto& r = state.opt.rules;
    for (const auto& c : detail::rule_checks())
      if (r.contains(c.rule)) checks.push_back(c.check);
    count_text = r.contains(rule::line_too_long) || r.contains(rule::too_many_lines) || r.contains(rule::reading_speed);
  }

  detail::rule_state state;
  std::vector<void (*)(const cue&, detail::rule_state&)> checks;  ///< of the enabled rules
  bool count_text = false;                                        ///< some S rule needs the text's code points counted

  /// T301 holds back the findings at and after the first cue without a speaker until the first
  /// speaker shows up (or the file ends).
  [[nodiscard]] bool holding() const noexcept {
    // T303 and T304 hold the findings after a speaker change until it is decided.
    return (state.findings.enabled(rule::missing_speaker) && !state.presence.seen &&
            !state.presence.speakerless.empty()) ||
           state.joints.holding();
  }

  void add_cue(const cue& c) {
    // Nothing earlier than this cue can turn up any more: the parser has reported what it found
    // up to here, and later cues only produce findings at their own lines.
    if (!holding()) state.findings.flush(c.id_line ? std::min(c.id_line, c.line) : c.line);
    state.text = detail::measure_text(c.text, count_text);
    for (const auto check : checks) check(c, state);
    state.have_prev = true;
    state.prev_start = c.start;
    state.prev_end = c.end;
    state.prev_line = c.line;
    if (state.prev_speaker != c.speaker) state.prev_speaker = c.speaker;  // a run of one speaker copies nothing
  }

  void finish() {
    // No speaker anywhere: a transcript without labels is consistent, so no T301.
    std::vector<std::size_t>().swap(state.presence.speakerless);
    state.joints.finish();
    state.findings.flush_all();
  }
};

linter::linter(lint_options options, diagnostic_sink out)
    : impl_(std::make_unique<impl>(std::move(options), std::move(out))) {}
linter::linter(linter&&) noexcept = default;
linter& linter::operator=(linter&&) noexcept = default;
linter::~linter() = default;

void linter::add_diagnostic(const diagnostic& d) { impl_->state.findings.add(d); }
void linter::add_cue(const cue& c) { impl_->add_cue(c); }
void linter::finish() { impl_->finish(); }
std::size_t linter::error_count() const noexcept { return impl_->state.findings.errors(); }
std::size_t linter::warning_count() const noexcept { return impl_->state.findings.warnings(); }

lint_summary lint(byte_source& source, const lint_options& options, const diagnostic_sink& out) {
  linter l{options, out};
  parse_options po;
  po.format = input_format::vtt;  // lint reads WebVTT: a SubRip file is a file without a signature
  // The parser's diagnostics cost work per cue; ask only for the wanted ones.
  const auto& r = options.rules;
  po.rules = r;
  po.threads = options.threads;
  po.encoding = options.encoding;
  po.warnings = std::any_of(all_rules().begin(), all_rules().end(), [&r](const rule_info& i) {
    return i.from_parser && i.severity == severity::warning && r.contains(i.rule);
  });
  po.on_diagnostic = [&l](const diagnostic& d) { l.add_diagnostic(d); };
  reader in{source, std::move(po)};
  while (in.next()) {
    if (in.kind() == item_kind::cue) l.add_cue(in.cue());
  }
  l.finish();
  return {l.error_count(), l.warning_count(), in.read_error(), in.encoding()};
}

std::vector<diagnostic> lint(std::string_view bytes, const lint_options& options) {
  std::vector<diagnostic> found;
  memory_source source{bytes};
  (void)lint(source, options, [&found](const diagnostic& d) { found.push_back(d); });
  return found;
}

}  // namespace vttkit
