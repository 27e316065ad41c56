// What the stages of one parse share: the line source and the diagnostics channel.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <vttkit/diagnostic.hpp>

#include "io/line_reader.hpp"

namespace vttkit::detail {

struct parse_context {
  /// `encoding`: parse_options::encoding.
  parse_context(byte_source& source, diagnostic_sink on_diagnostic, bool want_warnings, rule_set wanted,
                std::string_view encoding = {})
      : sink(std::move(on_diagnostic)),
        filtered_sink([this](const diagnostic& d) {
          if (rules.contains(d.rule)) sink(d);
        }),
        lines(source, sink ? &filtered_sink : nullptr, encoding),
        warnings(want_warnings && sink),
        rules(wanted) {}
  /// Over bytes in memory (see the matching line_reader constructor).
  parse_context(std::string_view bytes, diagnostic_sink on_diagnostic, bool want_warnings, rule_set wanted,
                text_decoding decoding)
      : sink(std::move(on_diagnostic)),
        filtered_sink([this](const diagnostic& d) {
          if (rules.contains(d.rule)) sink(d);
        }),
        lines(bytes, sink ? &filtered_sink : nullptr, decoding),
        warnings(want_warnings && sink),
        rules(wanted) {}
  parse_context(const parse_context&) = delete;
  parse_context& operator=(const parse_context&) = delete;

  diagnostic_sink sink;
  diagnostic_sink filtered_sink;  ///< `sink`, for the wanted rules only (for stages that report several)
  line_reader lines;
  bool warnings;         ///< report warnings (only when someone listens)
  rule_set rules;        ///< the rules to report
  bool recover = false;  ///< parse_options::recover
  std::size_t errors = 0;

  /// Whether a diagnostic of this rule would be delivered (so callers can skip the work).
  [[nodiscard]] bool wants(rule r) const noexcept {
    if (!rules.contains(r)) return false;
    return info(r).severity == severity::error ? static_cast<bool>(sink) : warnings;
  }
  void report(rule r, std::size_t line, std::size_t column, std::string message) {
    if (info(r).severity == severity::error) ++errors;
    if (wants(r)) sink(diagnostic{r, line, column, std::move(message)});
  }
  [[nodiscard]] std::size_t error_count() const noexcept { return errors + lines.error_count(); }
};

}  // namespace vttkit::detail
