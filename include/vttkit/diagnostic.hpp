// Diagnostics: every problem found in the input, with its rule, position and message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vttkit {

/// How bad a finding is. Errors lose or change content; warnings are doubtful but harmless.
enum class severity : std::uint8_t { error, warning };

/// Every rule vttkit knows, in catalogue order: one enumerator per row of the rule table
/// <vttkit/rules.def>, which also gives each its id (E001...), name, severity and summary.
enum class rule : std::uint8_t {
#define VTTKIT_RULE(enumerator, id, name, severity, found_by, content, summary) enumerator,
#include <vttkit/rules.def>
#undef VTTKIT_RULE
};

/// How many rules there are.
inline constexpr std::size_t rule_count = 0
#define VTTKIT_RULE(...) +1
#include <vttkit/rules.def>
#undef VTTKIT_RULE
    ;

/// A set of rules: one bit per catalogue entry.
class rule_set {
 public:
  constexpr rule_set() noexcept = default;
  /// Every rule of the catalogue.
  [[nodiscard]] static constexpr rule_set all() noexcept {
    rule_set s;
    s.bits_ = rule_count == 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << rule_count) - 1;
    return s;
  }

  constexpr void add(rule r) noexcept { bits_ |= bit(r); }
  constexpr void remove(rule r) noexcept { bits_ &= ~bit(r); }
  [[nodiscard]] constexpr bool contains(rule r) const noexcept { return (bits_ & bit(r)) != 0; }
  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }
  constexpr rule_set& operator|=(rule_set other) noexcept {
    bits_ |= other.bits_;
    return *this;
  }
  /// Removes the rules of `other`.
  constexpr rule_set& operator-=(rule_set other) noexcept {
    bits_ &= ~other.bits_;
    return *this;
  }
  friend constexpr bool operator==(rule_set, rule_set) noexcept = default;

 private:
  static_assert(rule_count <= 32, "one bit per rule");
  static constexpr std::uint32_t bit(rule r) noexcept { return std::uint32_t{1} << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

/// A rule's catalogue entry.
struct rule_info {
  vttkit::rule rule;      ///< the rule
  std::string_view id;    ///< e.g. "W103"
  std::string_view name;  ///< e.g. "short-hours"
  vttkit::severity severity;
  std::string_view summary;  ///< one line: what the rule finds
  bool from_parser;          ///< a diagnostic of the parser; the others are found by `linter`
  bool loses_content;        ///< rewriting the file (`vtt fmt`) would lose content
};

/// The whole catalogue, in id order.
[[nodiscard]] std::span<const rule_info> all_rules() noexcept;
/// The catalogue entry of a rule.
[[nodiscard]] const rule_info& info(rule r) noexcept;
/// Looks a rule up by id ("W103") or name ("short-hours"), case-insensitively.
[[nodiscard]] std::optional<rule> find_rule(std::string_view id_or_name) noexcept;
/// Where the rules are documented on the web; a rule's section is `#` and its anchor.
inline constexpr std::string_view lint_rules_url = "https://github.com/vttkit/vttkit/blob/main/docs/lint-rules.md";
/// A rule's documentation: the body of its section `### ID name` of docs/lint-rules.md (what it
/// catches, why, an example, the fix), compiled into the library: the page is the one home of
/// the text. Markdown, without the heading, blank lines trimmed.
[[nodiscard]] std::string_view rule_documentation(rule r) noexcept;
/// The first paragraph of the documentation (`**Catches** ...`) on one line, without its label.
[[nodiscard]] std::string rule_description(rule r);
/// The web address of the rule's section: `lint_rules_url#w103-short-hours`.
[[nodiscard]] std::string rule_help_uri(rule r);
/// "error" or "warning".
[[nodiscard]] std::string_view to_string(severity s) noexcept;

/// One problem in the input. Lines and columns are 1-based; columns count code points.
struct diagnostic {
  vttkit::rule rule{};
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;

  [[nodiscard]] const rule_info& info() const noexcept { return vttkit::info(rule); }
  friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

/// Where a parser or transform reports diagnostics as it finds them.
using diagnostic_sink = std::function<void(const diagnostic&)>;

}  // namespace vttkit
