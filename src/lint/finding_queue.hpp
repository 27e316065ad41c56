// The findings of one file on their way out: kept sorted by line, column and rule, and handed
// out as soon as nothing earlier can turn up, so memory stays small while the file streams by.
#pragma once

#include <cstddef>
#include <iterator>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <vttkit/diagnostic.hpp>

namespace vttkit::detail {

class finding_queue {
 public:
  finding_queue(rule_set enabled, diagnostic_sink out) : enabled_(enabled), out_(std::move(out)) {}

  [[nodiscard]] bool enabled(rule r) const noexcept { return enabled_.contains(r); }

  /// Adds a finding of rule `r` (when enabled) with a formatted message.
  template <typename... Args>
  void report(rule r, std::size_t line, std::size_t column, fmt::format_string<Args...> format, Args&&... args) {
    if (!enabled(r)) return;
    auto& d = slot(r, line, column);
    fmt::format_to(std::back_inserter(d.message), format, std::forward<Args>(args)...);
    settle_last();
    bound();
  }

  /// Adds a diagnostic of the parser (when its rule is enabled).
  void add(const diagnostic& d);

  /// Adds one finding of rule `r` at column 1 of each of `lines` (ascending), all with the
  /// same message: findings that were held back until it was known whether they count.
  void add_run(rule r, std::span<const std::size_t> lines, std::string_view message);

  /// Hands out the findings on lines before `line`.
  void flush(std::size_t line);
  /// Findings held back at most: past it they are handed out as they are (sorted among
  /// themselves), so that memory stays bounded when one cue has a finding on every byte, or
  /// a file no cue for a long stretch (docs/lint-rules.md, "Positions").
  static constexpr std::size_t most_held = std::size_t{1} << 16;
  /// Hands out every finding.
  void flush_all() { flush(static_cast<std::size_t>(-1)); }

  /// Findings handed out so far, by severity.
  [[nodiscard]] std::size_t errors() const noexcept { return errors_; }
  [[nodiscard]] std::size_t warnings() const noexcept { return warnings_; }

 private:
  diagnostic& slot(rule r, std::size_t line, std::size_t column);
  void settle_last() noexcept;
  void bound() {
    if (held_ > most_held) flush_all();
  }

  rule_set enabled_;
  diagnostic_sink out_;
  // Findings not handed out yet, sorted; slots [0, held_) are live. Slots past `held_` keep
  // their message's capacity, so a file with a finding on every cue allocates nothing per
  // finding.
  std::vector<diagnostic> pending_;
  std::size_t held_ = 0;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

}  // namespace vttkit::detail
